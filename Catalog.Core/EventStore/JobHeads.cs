using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.EventStore;

/// <summary>What a job stream folds to at a version: the decider's state and the job document (without history).</summary>
public sealed record JobHead(JobState State, JObject Document);

/// <summary>
/// The folded heads of recently written job streams, so an event is decided without reading and folding its whole
/// stream again. A head can only be stale if another node wrote the stream meanwhile; the append's version check
/// catches that, and the job service then drops the head and folds the stream afresh. Bounded: the least recently
/// used head goes first. Heads are never changed in place (documents are copied before an event is folded in).
/// </summary>
public sealed class JobHeads(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string Uuid, JobHead Head)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Uuid, JobHead Head)> _recency = new();

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

    public JobHead? Get(string jobUuid)
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

    public void Set(string jobUuid, JobHead head)
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
