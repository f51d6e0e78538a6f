using Catalog.Core.Jobs;

namespace Catalog.Core.JobCommands;

/// <summary>
/// The folded states of recently written job streams, so an event is decided without reading and folding its whole
/// stream again. A state can only be stale if another node wrote (or purged) the stream meanwhile; the append's version
/// and incarnation check catches that, and the job service then drops it and folds the stream afresh. Bounded: the
/// least recently used goes first. States are immutable records.
/// </summary>
public sealed class JobHeads(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Uuid, JobState Head)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Uuid, JobState Head)> _recency = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public JobState? Get(string jobUuid)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(jobUuid, out var node))
            {
                return null;
            }
            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Head;
        }
    }

    public void Set(string jobUuid, JobState head)
    {
        lock (_lock)
        {
            if (_entries.Remove(jobUuid, out var existing))
            {
                _recency.Remove(existing);
            }
            _entries[jobUuid] = _recency.AddFirst((jobUuid, head));
            if (_entries.Count > capacity)
            {
                _entries.Remove(_recency.Last!.Value.Uuid);
                _recency.RemoveLast();
            }
        }
    }

    public void Forget(string jobUuid)
    {
        lock (_lock)
        {
            if (_entries.Remove(jobUuid, out var node))
            {
                _recency.Remove(node);
            }
        }
    }
}
