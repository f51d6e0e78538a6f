using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Catalog.Tests.Projections;

/// <summary>Keeps the daemon's log lines, so tests can check what it reported.</summary>
public sealed class RecordingLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        Lines.Enqueue((logLevel, formatter(state, exception)));
    }
}
