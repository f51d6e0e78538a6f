using System.Threading.Channels;
using Catalog.Core.Projections.JobDocuments;
using Newtonsoft.Json;
using Npgsql;

namespace Catalog.Core.EventStore;

/// <summary>
/// Commits concurrent appends to different streams together: one transaction and one WAL flush for a whole batch,
/// instead of one per request while the global log-head lock is held. Each stream keeps its optimistic version check
/// (a loser is told and re-decides), each delivery key its idempotency, and every caller is answered only after the
/// commit that made its events durable.
/// </summary>
public sealed class GroupCommitter : IAsyncDisposable
{
    private const int MaxBatch = 128;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;

    public GroupCommitter(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Queues the append and waits for the commit that decides it.</summary>
    public Task<GroupCommitResult> AppendAsync(PendingAppend append, CancellationToken cancellationToken)
    {
        if (!_queue.Writer.TryWrite(append))
        {
            throw new ObjectDisposedException(nameof(GroupCommitter));
        }
        // The caller may stop waiting, but the append itself is not withdrawn: it may already be committing.
        return append.Completion.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        _stopping.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var deferred = new Queue<PendingAppend>();
        while (deferred.Count > 0 || await _queue.Reader.WaitToReadAsync())
        {
            var batch = new List<PendingAppend>();
            var streams = new HashSet<string>(StringComparer.Ordinal);
            var keys = new HashSet<(string, string)>();
            var next = new Queue<PendingAppend>();
            // One append per stream and per key in a batch: a second one must see the first one's outcome.
            void Take(PendingAppend pending)
            {
                if (batch.Count < MaxBatch && streams.Add(pending.StreamId)
                    && (pending.DeliveryKey is null || keys.Add((pending.StreamId, pending.DeliveryKey))))
                {
                    batch.Add(pending);
                }
                else
                {
                    next.Enqueue(pending);
                }
            }
            while (deferred.TryDequeue(out var waiting))
            {
                Take(waiting);
            }
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                Take(pending);
            }
            deferred = next;
            if (batch.Count == 0)
            {
                continue;
            }
            try
            {
                var versions = await CommitAsync(batch);
                // Appends held back behind a committed one for their stream were decided on a version that is gone:
                // tell them now, so they re-decide at once instead of each costing a commit to find out.
                deferred = new Queue<PendingAppend>(deferred.Where(pending =>
                {
                    if (versions.TryGetValue(pending.StreamId, out var version) && pending.ExpectedVersion < version)
                    {
                        pending.Completion.TrySetResult(new GroupCommitResult(null, true, false));
                        return false;
                    }
                    return true;
                }));
            }
            catch (Exception ex)
            {
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }
            }
        }
    }

    private async Task<Dictionary<string, long>> CommitAsync(List<PendingAppend> batch)
    {
        var cancellationToken = _stopping.Token;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var duplicates = await ClaimKeysAsync(connection, transaction, batch, cancellationToken);
        var candidates = batch.Where(p => !duplicates.Contains(p)).ToList();
        var winners = await ClaimStreamsAsync(connection, transaction, candidates, cancellationToken);
        var losers = candidates.Where(p => !winners.Contains(p)).ToList();
        await ReleaseKeysAsync(connection, transaction, losers, cancellationToken);

        var committed = batch.Where(winners.Contains).ToList();
        var positions = await WriteAsync(connection, transaction, committed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        foreach (var pending in batch)
        {
            pending.Completion.TrySetResult(duplicates.Contains(pending)
                ? new GroupCommitResult(null, false, true)
                : winners.Contains(pending)
                    ? new GroupCommitResult(positions[pending], false, false)
                    : new GroupCommitResult(null, true, false));
        }
        return positions.ToDictionary(p => p.Key.StreamId, p => p.Value.Version, StringComparer.Ordinal);
    }

    private static async Task<HashSet<PendingAppend>> ClaimKeysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<PendingAppend> batch, CancellationToken cancellationToken)
    {
        var keyed = batch.Where(p => p.DeliveryKey is not null).ToList();
        if (keyed.Count == 0)
        {
            return [];
        }
        await using var command = new NpgsqlCommand("""
            INSERT INTO es.inbox (stream_id, delivery_key, payload_sha256)
            SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[])
            ON CONFLICT DO NOTHING RETURNING stream_id, delivery_key
            """, connection, transaction);
        command.Parameters.AddWithValue(keyed.Select(p => p.StreamId).ToArray());
        command.Parameters.AddWithValue(keyed.Select(p => p.DeliveryKey!).ToArray());
        command.Parameters.AddWithValue(keyed.Select(p => p.PayloadHash!).ToArray());
        var claimed = new HashSet<(string, string)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        return keyed.Where(p => !claimed.Contains((p.StreamId, p.DeliveryKey!))).ToHashSet();
    }

    private static async Task<HashSet<PendingAppend>> ClaimStreamsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<PendingAppend> candidates, CancellationToken cancellationToken)
    {
        var existing = candidates.Where(p => p.ExpectedVersion > 0).ToList();
        var fresh = candidates.Where(p => p.ExpectedVersion == 0).ToList();
        await using var claims = new NpgsqlBatch(connection, transaction);
        if (existing.Count > 0)
        {
            var update = new NpgsqlBatchCommand("""
                UPDATE es.streams s SET version = c.expected + c.count, updated_at = now()
                FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS c(stream_id, expected, count)
                WHERE s.stream_id = c.stream_id AND s.version = c.expected
                RETURNING s.stream_id
                """);
            update.Parameters.AddWithValue(existing.Select(p => p.StreamId).ToArray());
            update.Parameters.AddWithValue(existing.Select(p => p.ExpectedVersion).ToArray());
            update.Parameters.AddWithValue(existing.Select(p => (long)p.Events.Count).ToArray());
            claims.BatchCommands.Add(update);
        }
        if (fresh.Count > 0)
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO es.streams (stream_id, stream_type, version)
                SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
                ON CONFLICT DO NOTHING RETURNING stream_id
                """);
            insert.Parameters.AddWithValue(fresh.Select(p => p.StreamId).ToArray());
            insert.Parameters.AddWithValue(fresh.Select(p => p.StreamType).ToArray());
            insert.Parameters.AddWithValue(fresh.Select(p => (long)p.Events.Count).ToArray());
            claims.BatchCommands.Add(insert);
        }
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        if (claims.BatchCommands.Count > 0)
        {
            await using var reader = await claims.ExecuteReaderAsync(cancellationToken);
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    claimed.Add(reader.GetString(0));
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        return candidates.Where(p => claimed.Contains(p.StreamId)).ToHashSet();
    }

    private static async Task ReleaseKeysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<PendingAppend> losers,
        CancellationToken cancellationToken)
    {
        var keyed = losers.Where(p => p.DeliveryKey is not null).ToList();
        if (keyed.Count == 0)
        {
            return;
        }
        await using var command = new NpgsqlCommand("""
            DELETE FROM es.inbox i USING unnest($1::text[], $2::text[]) AS k(stream_id, delivery_key)
            WHERE i.stream_id = k.stream_id AND i.delivery_key = k.delivery_key
            """, connection, transaction);
        command.Parameters.AddWithValue(keyed.Select(p => p.StreamId).ToArray());
        command.Parameters.AddWithValue(keyed.Select(p => p.DeliveryKey!).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // The claimed appends' events, documents and idempotency answers go in one round trip. The events come first, so
    // their positions are the batch's first result; the log-head lock they take is then held only for the rest of
    // this round trip and the commit.
    private static async Task<Dictionary<PendingAppend, AppendResult>> WriteAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, List<PendingAppend> committed, CancellationToken cancellationToken)
    {
        var results = new Dictionary<PendingAppend, AppendResult>();
        var total = committed.Sum(p => p.Events.Count);
        if (total == 0)
        {
            return results;
        }
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands = { InsertEvents(committed, total), JobDocumentWriter.Upsert(committed.Select(p => p.Document).ToList()) },
        };
        if (RecordAnswers(committed) is { } answers)
        {
            batch.BatchCommands.Add(answers);
        }
        var last = 0L;
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                last = Math.Max(last, reader.GetInt64(0));
            }
        }
        // Positions follow the rows' order: head - total + 1 ... head.
        var position = last - total;
        foreach (var pending in committed)
        {
            var first = position + 1;
            position += pending.Events.Count;
            results[pending] = new AppendResult(pending.ExpectedVersion + pending.Events.Count, first, position);
        }
        return results;
    }

    private static NpgsqlBatchCommand InsertEvents(List<PendingAppend> committed, int total)
    {
        var rows = committed.SelectMany(p => p.Events.Select((e, i) => (Pending: p, Event: e, Version: p.ExpectedVersion + i + 1))).ToList();
        var command = new NpgsqlBatchCommand("""
            WITH head AS (
                UPDATE es.log_head SET last_position = last_position + $1 WHERE id = 1 RETURNING last_position
            )
            INSERT INTO es.events (position, event_id, stream_id, version, event_type, data, metadata)
            SELECT head.last_position - $1 + e.ordinal, e.event_id, e.stream_id, e.version, e.event_type, e.data::json, e.metadata::json
            FROM head, unnest($2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[])
                WITH ORDINALITY AS e(event_id, stream_id, version, event_type, data, metadata, ordinal)
            RETURNING position
            """);
        command.Parameters.AddWithValue((long)total);
        command.Parameters.AddWithValue(rows.Select(r => r.Event.EventId).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.Pending.StreamId).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.Version).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.Event.Type).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.Event.Data).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.Event.Metadata).ToArray());
        return command;
    }

    private static NpgsqlBatchCommand? RecordAnswers(List<PendingAppend> committed)
    {
        var keyed = committed.Where(p => p.DeliveryKey is not null).ToList();
        if (keyed.Count == 0)
        {
            return null;
        }
        var command = new NpgsqlBatchCommand("""
            UPDATE es.inbox i SET result = k.result::json
            FROM unnest($1::text[], $2::text[], $3::text[]) AS k(stream_id, delivery_key, result)
            WHERE i.stream_id = k.stream_id AND i.delivery_key = k.delivery_key
            """);
        command.Parameters.AddWithValue(keyed.Select(p => p.StreamId).ToArray());
        command.Parameters.AddWithValue(keyed.Select(p => p.DeliveryKey!).ToArray());
        command.Parameters.AddWithValue(keyed.Select(p => p.Answer.ToString(Formatting.None)).ToArray());
        return command;
    }
}
