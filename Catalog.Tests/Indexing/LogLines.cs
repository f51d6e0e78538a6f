using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Catalog.Tests.Indexing;

/// <summary>Keeps what the indexing service logged, so tests can check its progress lines.</summary>
public sealed class LogLines : ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter) => Lines.Enqueue(formatter(state, exception));
}
