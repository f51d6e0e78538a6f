using System.Globalization;
using Npgsql;

namespace Catalog.Core.EventStore;

/// <summary>
/// The SQL of one group commit, in three round trips: claim the delivery keys; claim the streams (version and
/// incarnation checked); write the winners' events, inline rows and answers. Rows are locked streams-then-log-head,
/// each kind in id order; the log head is locked last and held only for the last round trip and the commit.
/// </summary>
internal static class CommitBatch
{
    public static async Task<Dictionary<StreamAppend, AppendOutcome>> RunAsync(NpgsqlDataSource dataSource, EventStoreOptions options,
        IReadOnlyList<StreamAppend> batch, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var settings = new[]
        {
            new NpgsqlBatchCommand($"SET LOCAL idle_in_transaction_session_timeout = {Milliseconds(options.IdleInTransactionTimeout)}"),
            new NpgsqlBatchCommand($"SET LOCAL lock_timeout = {Milliseconds(options.LockTimeout)}"),
        };
        var duplicates = await ClaimKeysAsync(connection, transaction, batch, settings, cancellationToken);
        var candidates = batch.Where(p => !duplicates.Contains(p)).ToList();
        // The settings travel with the first round trip: the key claims when there are keys, else the stream claims.
        var incarnations = await ClaimStreamsAsync(connection, transaction, candidates,
            batch.Any(p => p.Delivery is not null) ? [] : settings, cancellationToken);
        var winners = candidates.Where(p => incarnations.ContainsKey(p.StreamId)).ToList();
        await ReleaseKeysAsync(connection, transaction, candidates.Where(p => !incarnations.ContainsKey(p.StreamId)).ToList(), cancellationToken);
        var results = await WriteAsync(connection, transaction, winners, incarnations, cancellationToken);
        if (options.BeforeCommit is { } hook)
        {
            await hook(batch, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return batch.ToDictionary(p => p, p => duplicates.Contains(p)
            ? new AppendOutcome(AppendStatus.DuplicateKey)
            : results.TryGetValue(p, out var result)
                ? new AppendOutcome(AppendStatus.Committed, result)
                : new AppendOutcome(AppendStatus.VersionConflict));
    }

    private static async Task<HashSet<StreamAppend>> ClaimKeysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<StreamAppend> batch, NpgsqlBatchCommand[] settings, CancellationToken cancellationToken)
    {
        var keyed = batch.Where(p => p.Delivery is not null)
            .OrderBy(p => p.StreamId, StringComparer.Ordinal).ThenBy(p => p.Delivery!.Key, StringComparer.Ordinal).ToList();
        if (keyed.Count == 0)
        {
            return [];
        }
        var insert = new NpgsqlBatchCommand("""
            INSERT INTO es.inbox (stream_id, delivery_key, payload_sha256)
            SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[])
            ON CONFLICT DO NOTHING RETURNING stream_id, delivery_key
            """);
        insert.Parameters.AddWithValue(keyed.Select(p => p.StreamId).ToArray());
        insert.Parameters.AddWithValue(keyed.Select(p => p.Delivery!.Key).ToArray());
        insert.Parameters.AddWithValue(keyed.Select(p => p.Delivery!.PayloadHash).ToArray());
        var claimed = new HashSet<(string, string)>();
        await using var claims = new NpgsqlBatch(connection, transaction);
        foreach (var setting in settings)
        {
            claims.BatchCommands.Add(setting);
        }
        claims.BatchCommands.Add(insert);
        await using (var reader = await claims.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    claimed.Add((reader.GetString(0), reader.GetString(1)));
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        return keyed.Where(p => !claimed.Contains((p.StreamId, p.Delivery!.Key))).ToHashSet();
    }

    // Returns the incarnation of each stream claimed. Existing streams are locked in id order before they are
    // updated (an UPDATE … FROM join gives no order); a new stream is inserted, or a purged one revived in its next
    // incarnation (the row lock of ON CONFLICT makes that atomic with a purge).
    private static async Task<Dictionary<string, int>> ClaimStreamsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<StreamAppend> candidates, NpgsqlBatchCommand[] settings, CancellationToken cancellationToken)
    {
        var existing = candidates.Where(p => p.ExpectedVersion > 0).ToList();
        var fresh = candidates.Where(p => p.ExpectedVersion == 0).ToList();
        await using var claims = new NpgsqlBatch(connection, transaction);
        foreach (var setting in settings)
        {
            claims.BatchCommands.Add(setting);
        }
        if (existing.Count > 0)
        {
            var ids = existing.Select(p => p.StreamId).ToArray();
            // One statement: the rows are locked in id order first (the join below has no order of its own), then updated.
            var update = new NpgsqlBatchCommand("""
                WITH locked AS MATERIALIZED (
                    SELECT stream_id FROM es.streams WHERE stream_id = ANY($1) ORDER BY stream_id COLLATE "C" FOR UPDATE
                )
                UPDATE es.streams s SET version = c.expected + c.count, updated_at = now()
                FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::integer[]) AS c(stream_id, expected, count, incarnation)
                WHERE s.stream_id = c.stream_id AND s.version = c.expected AND s.incarnation = c.incarnation AND s.purged_at IS NULL
                    AND EXISTS (SELECT FROM locked l WHERE l.stream_id = c.stream_id)
                RETURNING s.stream_id, s.incarnation
                """);
            update.Parameters.AddWithValue(ids);
            update.Parameters.AddWithValue(existing.Select(p => p.ExpectedVersion).ToArray());
            update.Parameters.AddWithValue(existing.Select(p => (long)p.Events.Count).ToArray());
            update.Parameters.AddWithValue(existing.Select(p => p.ExpectedIncarnation).ToArray());
            claims.BatchCommands.Add(update);
        }
        if (fresh.Count > 0)
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO es.streams AS s (stream_id, stream_type, version)
                SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
                ON CONFLICT (stream_id) DO UPDATE SET stream_type = EXCLUDED.stream_type, version = EXCLUDED.version,
                    incarnation = s.incarnation + 1, purged_at = NULL, created_at = now(), updated_at = now()
                WHERE s.purged_at IS NOT NULL
                RETURNING s.stream_id, s.incarnation
                """);
            insert.Parameters.AddWithValue(fresh.Select(p => p.StreamId).ToArray());
            insert.Parameters.AddWithValue(fresh.Select(p => p.StreamType).ToArray());
            insert.Parameters.AddWithValue(fresh.Select(p => (long)p.Events.Count).ToArray());
            claims.BatchCommands.Add(insert);
        }
        var claimed = new Dictionary<string, int>(StringComparer.Ordinal);
        if (claims.BatchCommands.Count == 0)
        {
            return claimed;
        }
        await using var reader = await claims.ExecuteReaderAsync(cancellationToken);
        do
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.FieldCount == 2)
                {
                    claimed[reader.GetString(0)] = reader.GetInt32(1);
                }
            }
        }
        while (await reader.NextResultAsync(cancellationToken));
        return claimed;
    }

    private static async Task ReleaseKeysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<StreamAppend> losers,
        CancellationToken cancellationToken)
    {
        var keyed = losers.Where(p => p.Delivery is not null).ToList();
        if (keyed.Count == 0)
        {
            return;
        }
        await using var command = new NpgsqlCommand("""
            DELETE FROM es.inbox i USING unnest($1::text[], $2::text[]) AS k(stream_id, delivery_key)
            WHERE i.stream_id = k.stream_id AND i.delivery_key = k.delivery_key
            """, connection, transaction);
        command.Parameters.AddWithValue(keyed.Select(p => p.StreamId).ToArray());
        command.Parameters.AddWithValue(keyed.Select(p => p.Delivery!.Key).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Events first, so their positions are the first result and the log-head lock they take is held only for the rest
    // of this round trip and the commit.
    private static async Task<Dictionary<StreamAppend, AppendResult>> WriteAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, List<StreamAppend> winners, Dictionary<string, int> incarnations, CancellationToken cancellationToken)
    {
        var results = new Dictionary<StreamAppend, AppendResult>();
        var total = winners.Sum(p => p.Events.Count);
        if (total == 0)
        {
            return results;
        }
        await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { InsertEvents(winners, total) } };
        foreach (var group in winners.Where(p => p.Inline is not null).GroupBy(p => p.Inline!.Writer))
        {
            batch.BatchCommands.Add(group.Key.Write(group.Select(p => p.Inline!).ToList()));
        }
        if (RecordAnswers(winners) is { } answers)
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
        foreach (var append in winners)
        {
            var first = position + 1;
            position += append.Events.Count;
            results[append] = new AppendResult(append.ExpectedVersion + append.Events.Count, incarnations[append.StreamId], first, position);
        }
        return results;
    }

    private static NpgsqlBatchCommand InsertEvents(List<StreamAppend> winners, int total)
    {
        var rows = winners.SelectMany(p => p.Events.Select((e, i) => (Append: p, Event: e, Version: p.ExpectedVersion + i + 1))).ToList();
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
        command.Parameters.AddWithValue(rows.Select(r => r.Append.StreamId).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.Version).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.Event.Type).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.Event.Data).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.Event.Metadata).ToArray());
        return command;
    }

    private static NpgsqlBatchCommand? RecordAnswers(List<StreamAppend> winners)
    {
        var keyed = winners.Where(p => p.Delivery is not null).ToList();
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
        command.Parameters.AddWithValue(keyed.Select(p => p.Delivery!.Key).ToArray());
        command.Parameters.AddWithValue(keyed.Select(p => p.Delivery!.Answer).ToArray());
        return command;
    }

    private static string Milliseconds(TimeSpan span) =>
        ((long)Math.Max(1, span.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
}
