using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Catalog.Tests.Indexing;

/// <summary>
/// A logger for the indexing service that runs an action at the run's first progress line, that is after the first
/// file was described and recorded and before the next one is: a fixed moment to change the tree under a run.
/// </summary>
public sealed class FirstProgressHook(Action action) : ILogger
{
    private int _ran;

    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        var line = formatter(state, exception);
        Lines.Enqueue(line);
        if (line.StartsWith("Indexed 1 of ", StringComparison.Ordinal) && Interlocked.Exchange(ref _ran, 1) == 0)
        {
            action();
        }
    }
}
