using System.Collections.Concurrent;

namespace Catalog.Chaos;

/// <summary>
/// Every reply of every part passes through here. A 5xx counts as a server error unless it is the 503 with
/// <c>Retry-After</c> and problem+json that the contract promises while the database is down (the outage window, which
/// the outage part opens and closes); a few examples of each error are kept for the report.
/// </summary>
internal sealed class ServerErrorLedger
{
    private readonly ConcurrentQueue<string> _examples = new();
    private long _serverErrors;
    private long _expectedUnavailable;
    private int _outageOpen;

    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    public long ExpectedUnavailable => Interlocked.Read(ref _expectedUnavailable);

    public IReadOnlyCollection<string> Examples => _examples;

    public void OpenOutage() => Volatile.Write(ref _outageOpen, 1);

    public void CloseOutage() => Volatile.Write(ref _outageOpen, 0);

    public void Record(string part, string route, Reply reply)
    {
        if (reply.Status < 500)
        {
            return;
        }
        if (Volatile.Read(ref _outageOpen) == 1 && reply.IsProperUnavailable)
        {
            Interlocked.Increment(ref _expectedUnavailable);
            return;
        }
        Interlocked.Increment(ref _serverErrors);
        if (_examples.Count < 20)
        {
            var body = reply.Body.Length > 300 ? reply.Body[..300] : reply.Body;
            _examples.Enqueue($"{part}: {route} answered {reply.Status} (Retry-After: {reply.HasRetryAfter}, problem+json: {reply.IsProblem}) {body}");
        }
    }

    /// <summary>Counts 5xx seen by a tool that reports only a number (the attack tool).</summary>
    public void AddExternal(string part, long count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref _serverErrors, count);
            _examples.Enqueue($"{part}: {count} server errors reported by the tool");
        }
    }
}
