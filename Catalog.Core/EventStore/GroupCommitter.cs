using System.Collections.Concurrent;
using System.Diagnostics;
using Catalog.Core.Observability;
using System.Text;
using Npgsql;

namespace Catalog.Core.EventStore;

/// <summary>
/// The store's one append path. Concurrent appends to different streams are committed together: one transaction and
/// one WAL flush for a batch. Each stream keeps its version check, each delivery key its idempotency, and every caller
/// is answered only after the commit that decided its append. A batch that PostgreSQL refuses because of what one
/// append carries is retried append by append, so only that append's sender is refused. The commits run on a thread of
/// their own with blocking I/O: a commit's round trips never wait in the thread pool's queue behind request work.
/// </summary>
internal sealed class GroupCommitter : IAsyncDisposable
{
    private const int MaxRetries = 5;

    private readonly NpgsqlDataSource _dataSource;
    private readonly EventStoreOptions _options;
    private readonly BlockingCollection<StreamAppend> _queue = new(new ConcurrentQueue<StreamAppend>());
    private readonly Lock _gateLock = new();
    private readonly Thread _writer;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _open = Opened();
    private int _queued;

    public GroupCommitter(NpgsqlDataSource dataSource, EventStoreOptions options)
    {
        _dataSource = dataSource;
        _options = options;
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "catalog-group-commit" };
        _writer.Start();
    }

    public int Queued => Volatile.Read(ref _queued);

    public Task<AppendOutcome> AppendAsync(StreamAppend append, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(append.Events.Count);
        Interlocked.Increment(ref _queued);
        try
        {
            _queue.Add(append, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            Interlocked.Decrement(ref _queued);
            throw new ObjectDisposedException(nameof(EventStore));
        }
        // The caller may stop waiting, but the append is not withdrawn: it may already be committing.
        return append.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Holds every commit until the returned handle is disposed; appends queue up meanwhile.</summary>
    public IDisposable Pause()
    {
        lock (_gateLock)
        {
            if (_open.Task.IsCompleted)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            var gate = _open;
            return new Resume(() => gate.TrySetResult());
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.CompleteAdding();
        lock (_gateLock)
        {
            _open.TrySetResult();
        }
        await _stopped.Task;
        _queue.Dispose();
    }

    private void WriteLoop()
    {
        try
        {
            Run();
        }
        finally
        {
            _stopped.TrySetResult();
        }
    }

    private void Run()
    {
        var deferred = new Queue<StreamAppend>();
        while (true)
        {
            // Blocks until an append is queued; the loop ends once the queue is closed and empty.
            if (deferred.Count == 0)
            {
                if (!_queue.TryTake(out var first, Timeout.Infinite))
                {
                    return;
                }
                deferred.Enqueue(first);
            }
            Task gate;
            lock (_gateLock)
            {
                gate = _open.Task;
            }
            gate.Wait();
            var (batch, next) = Gather(deferred);
            deferred = next;
            if (batch.Count == 0)
            {
                continue;
            }
            var started = Stopwatch.GetTimestamp();
            var committed = CommitOrIsolate(batch);
            Measure(batch, started);
            Interlocked.Add(ref _queued, -batch.Count);
            // Appends held back behind a committed one of their stream were decided on a version that is gone: tell
            // them now, so they decide again at once instead of each costing a commit to find out.
            var stale = deferred.Where(p => committed.TryGetValue(p.StreamId, out var version) && p.ExpectedVersion < version).ToHashSet();
            foreach (var append in stale)
            {
                Interlocked.Decrement(ref _queued);
                append.Completion.TrySetResult(new AppendOutcome(AppendStatus.VersionConflict));
            }
            deferred = new Queue<StreamAppend>(deferred.Where(p => !stale.Contains(p)));
        }
    }

    // One append per stream in a batch: a second one must see the first one's outcome.
    private (List<StreamAppend> Batch, Queue<StreamAppend> Next) Gather(Queue<StreamAppend> deferred)
    {
        var batch = new List<StreamAppend>();
        var streams = new HashSet<string>(StringComparer.Ordinal);
        var next = new Queue<StreamAppend>();
        void Take(StreamAppend append)
        {
            if (batch.Count < _options.MaxBatch && streams.Add(append.StreamId))
            {
                batch.Add(append);
            }
            else
            {
                next.Enqueue(append);
            }
        }
        while (deferred.TryDequeue(out var waiting))
        {
            Take(waiting);
        }
        while (batch.Count < _options.MaxBatch && _queue.TryTake(out var append))
        {
            Take(append);
        }
        // Every commit locks rows in this one order (streams and keys by id), so two nodes' batches never deadlock.
        batch.Sort((a, b) => string.CompareOrdinal(a.StreamId, b.StreamId));
        return (batch, next);
    }

    /// <summary>Commits the batch and answers each append; returns the new version of each stream that committed.</summary>
    private Dictionary<string, long> CommitOrIsolate(List<StreamAppend> batch)
    {
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            Answer(CommitWithRetries(batch), versions);
        }
        catch (Exception failure) when (batch.Count > 1 && IsRefusedContent(failure))
        {
            // Something in one append made PostgreSQL refuse the whole batch (nothing of it committed): each alone.
            foreach (var append in batch)
            {
                try
                {
                    Answer(CommitWithRetries([append]), versions);
                }
                catch (Exception single) when (IsRefusedContent(single))
                {
                    append.Completion.TrySetResult(new AppendOutcome(AppendStatus.Unstorable, Problem: Describe(single)));
                }
                catch (Exception single)
                {
                    append.Completion.TrySetException(single);
                }
            }
        }
        catch (Exception failure) when (IsRefusedContent(failure))
        {
            batch[0].Completion.TrySetResult(new AppendOutcome(AppendStatus.Unstorable, Problem: Describe(failure)));
        }
        catch (Exception failure)
        {
            foreach (var append in batch)
            {
                append.Completion.TrySetException(failure);
            }
        }
        return versions;
    }

    private static void Measure(List<StreamAppend> batch, long started)
    {
        var committed = batch.Where(p => p.Completion.Task is { IsCompletedSuccessfully: true, Result.Status: AppendStatus.Committed }).ToList();
        if (committed.Count > 0)
        {
            CatalogMetrics.Committed(batch.Count, Stopwatch.GetElapsedTime(started), committed.SelectMany(p => p.Events.Select(e => e.Type)),
                committed.Max(p => p.Completion.Task.Result.Committed!.LastPosition));
        }
    }

    private static void Answer(Dictionary<StreamAppend, AppendOutcome> outcomes, Dictionary<string, long> versions)
    {
        foreach (var (append, outcome) in outcomes)
        {
            if (outcome.Committed is { } committed)
            {
                versions[append.StreamId] = committed.Version;
            }
            append.Completion.TrySetResult(outcome);
        }
    }

    // Lock timeouts, deadlocks and serialization failures are raised before COMMIT is sent, so nothing was committed
    // and the batch may be tried again; a failure of COMMIT itself leaves the outcome unknown and is never retried.
    private Dictionary<StreamAppend, AppendOutcome> CommitWithRetries(List<StreamAppend> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return CommitBatch.Run(_dataSource, _options, batch);
            }
            catch (PostgresException retry) when (retry.SqlState is "55P03" or "40P01" or "40001" && attempt < MaxRetries)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(10 * attempt));
            }
        }
    }

    /// <summary>
    /// True when PostgreSQL (or the encoding of a parameter) refused the data itself: invalid text, a value out of
    /// range, a constraint. Connection failures, timeouts and server shutdowns say nothing about the data.
    /// </summary>
    internal static bool IsRefusedContent(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.Length == 5 && postgres.SqlState[..2] is "22" or "23" or "54",
        EncoderFallbackException or InvalidCastException or OverflowException => true,
        _ => false,
    };

    private static string Describe(Exception exception) => exception switch
    {
        PostgresException postgres => $"the database refused a value ({postgres.SqlState}: {postgres.MessageText})",
        EncoderFallbackException => "a text holds an invalid character (a lone UTF-16 surrogate)",
        _ => $"a value cannot be stored ({exception.GetType().Name})",
    };

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private sealed class Resume(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}

