using System.Globalization;
using Npgsql;

namespace Catalog.Core.EventStore;

/// <summary>
/// The SQL of one group commit. Usually every claim holds (no key was delivered before, no stream moved on), so the
/// claims, the writes and COMMIT go in one round trip; a claim that fails there raises CA409 before any write runs,
/// and the batch is committed the careful way instead: claims first, then the winners' writes. Rows are
/// locked keys, then streams, then the log head, each kind in id order; the log head is held only for the last round
/// trip and the commit.
/// </summary>
internal static class CommitBatch
{
    private const string ClaimFailed = "CA409";

    public static Dictionary<StreamAppend, AppendOutcome> Run(NpgsqlDataSource dataSource, EventStoreOptions options,
        IReadOnlyList<StreamAppend> batch)
    {
        using var connection = dataSource.OpenConnection();
        return AtOnce(connection, options, batch) ?? Carefully(connection, options, batch);
    }

    // One round trip, COMMIT included; null (nothing written) when a claim did not hold. PostgreSQL runs nothing of a
    // batch after a failed statement, so a failure anywhere means COMMIT did not run (or failed): nothing committed.
    private static Dictionary<StreamAppend, AppendOutcome>? AtOnce(NpgsqlConnection connection, EventStoreOptions options,
        IReadOnlyList<StreamAppend> batch)
    {
        // A test holding the transaction open before COMMIT (BeforeCommit) gets COMMIT in a round trip of its own.
        var held = options.BeforeCommit is not null;
        var trip = new Trip(connection);
        trip.Add(Begin(options));
        trip.Add(ClaimKeys(batch, strict: true));
        trip.Add(ClaimStreams(batch, strict: true));
        trip.Add(Writes(batch));
        trip.Add(held ? [] : [new NpgsqlBatchCommand("COMMIT")]);
        try
        {
            trip.Send();
            if (held)
            {
                Commit(connection, options, batch);
            }
        }
        catch (Exception failure)
        {
            RollBack(connection);
            if (failure is PostgresException { SqlState: ClaimFailed })
            {
                return null;
            }
            throw;
        }
        var results = Results(batch, trip.LastPosition, trip.Incarnations);
        return batch.ToDictionary(p => p, p => new AppendOutcome(AppendStatus.Committed, results[p]));
    }

    private static Dictionary<StreamAppend, AppendOutcome> Carefully(NpgsqlConnection connection, EventStoreOptions options,
        IReadOnlyList<StreamAppend> batch)
    {
        var keys = new Trip(connection);
        var streams = new Trip(connection);
        var writes = new Trip(connection);
        List<StreamAppend> candidates, winners;
        try
        {
            keys.Add(Begin(options));
            keys.Add(ClaimKeys(batch, strict: false));
            keys.Send();
            candidates = batch.Where(p => p.Delivery is null || keys.Keys.Contains((p.StreamId, p.Delivery.Key))).ToList();

            streams.Add(ClaimStreams(candidates, strict: false));
            streams.Send();
            winners = candidates.Where(p => streams.Incarnations.ContainsKey(p.StreamId)).ToList();

            writes.Add(ReleaseKeys(candidates.Where(p => !streams.Incarnations.ContainsKey(p.StreamId)).ToList()));
            writes.Add(Writes(winners));
            writes.Send();
            Commit(connection, options, batch);
        }
        catch
        {
            RollBack(connection);
            throw;
        }
        var duplicates = batch.Except(candidates).ToHashSet();
        var results = Results(winners, writes.LastPosition, streams.Incarnations);
        return batch.ToDictionary(p => p, p => duplicates.Contains(p)
            ? new AppendOutcome(AppendStatus.DuplicateKey)
            : results.TryGetValue(p, out var result)
                ? new AppendOutcome(AppendStatus.Committed, result)
                : new AppendOutcome(AppendStatus.VersionConflict));
    }

    private static void Execute(NpgsqlConnection connection, string statement)
    {
        using var command = new NpgsqlCommand(statement, connection);
        command.ExecuteNonQuery();
    }

    // Ends a transaction the failure left open; a connection the failure broke has none left to end.
    private static void RollBack(NpgsqlConnection connection)
    {
        try
        {
            Execute(connection, "ROLLBACK");
        }
        catch (Exception) when (connection.FullState != System.Data.ConnectionState.Open)
        {
        }
    }

    private static void Commit(NpgsqlConnection connection, EventStoreOptions options, IReadOnlyList<StreamAppend> batch)
    {
        options.BeforeCommit?.Invoke(batch, CancellationToken.None).GetAwaiter().GetResult();
        Execute(connection, "COMMIT");
    }

    private static IEnumerable<NpgsqlBatchCommand> Begin(EventStoreOptions options) =>
    [
        new("BEGIN"),
        new($"SET LOCAL idle_in_transaction_session_timeout = {Milliseconds(options.IdleInTransactionTimeout)}"),
        new($"SET LOCAL lock_timeout = {Milliseconds(options.LockTimeout)}"),
    ];

    // Each claim answers one row: whether it held (strict claims raise instead) and what it claimed.
    private static IEnumerable<NpgsqlBatchCommand> ClaimKeys(IReadOnlyList<StreamAppend> batch, bool strict)
    {
        var keyed = batch.Where(p => p.Delivery is not null)
            .OrderBy(p => p.StreamId, StringComparer.Ordinal).ThenBy(p => p.Delivery!.Key, StringComparer.Ordinal).ToList();
        if (keyed.Count == 0)
        {
            yield break;
        }
        var claim = new NpgsqlBatchCommand("""
            WITH claimed AS (
                INSERT INTO es.inbox (stream_id, delivery_key, payload_sha256)
                SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[])
                ON CONFLICT DO NOTHING RETURNING stream_id, delivery_key
            )
            SELECT es.claims_hold(NOT $4 OR count(*) = cardinality($1)) AS claimed_keys,
                coalesce(array_agg(stream_id), '{}'), coalesce(array_agg(delivery_key), '{}')
            FROM claimed
            """);
        claim.Parameters.AddWithValue(keyed.Select(p => p.StreamId).ToArray());
        claim.Parameters.AddWithValue(keyed.Select(p => p.Delivery!.Key).ToArray());
        claim.Parameters.AddWithValue(keyed.Select(p => p.Delivery!.PayloadHash).ToArray());
        claim.Parameters.AddWithValue(strict);
        yield return claim;
    }

    // Existing streams are locked in id order before they are updated (an UPDATE … FROM join gives no order); a new
    // stream is inserted, or a purged one revived in its next incarnation (the row lock of ON CONFLICT makes that
    // atomic with a purge).
    private static IEnumerable<NpgsqlBatchCommand> ClaimStreams(IReadOnlyList<StreamAppend> candidates, bool strict)
    {
        var existing = candidates.Where(p => p.ExpectedVersion > 0).ToList();
        if (existing.Count > 0)
        {
            var update = new NpgsqlBatchCommand("""
                WITH locked AS MATERIALIZED (
                    SELECT stream_id FROM es.streams WHERE stream_id = ANY($1) ORDER BY stream_id COLLATE "C" FOR UPDATE
                ), claimed AS (
                    UPDATE es.streams s SET version = c.expected + c.count, updated_at = now()
                    FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::integer[]) AS c(stream_id, expected, count, incarnation)
                    WHERE s.stream_id = c.stream_id AND s.version = c.expected AND s.incarnation = c.incarnation AND s.purged_at IS NULL
                        AND EXISTS (SELECT FROM locked l WHERE l.stream_id = c.stream_id)
                    RETURNING s.stream_id, s.incarnation
                )
                SELECT es.claims_hold(NOT $5 OR count(*) = cardinality($1)) AS claimed_streams,
                    coalesce(array_agg(stream_id), '{}'), coalesce(array_agg(incarnation), '{}')
                FROM claimed
                """);
            update.Parameters.AddWithValue(existing.Select(p => p.StreamId).ToArray());
            update.Parameters.AddWithValue(existing.Select(p => p.ExpectedVersion).ToArray());
            update.Parameters.AddWithValue(existing.Select(p => (long)p.Events.Count).ToArray());
            update.Parameters.AddWithValue(existing.Select(p => p.ExpectedIncarnation).ToArray());
            update.Parameters.AddWithValue(strict);
            yield return update;
        }
        var fresh = candidates.Where(p => p.ExpectedVersion == 0).ToList();
        if (fresh.Count > 0)
        {
            var insert = new NpgsqlBatchCommand("""
                WITH claimed AS (
                    INSERT INTO es.streams AS s (stream_id, stream_type, version)
                    SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
                    ON CONFLICT (stream_id) DO UPDATE SET stream_type = EXCLUDED.stream_type, version = EXCLUDED.version,
                        incarnation = s.incarnation + 1, purged_at = NULL, created_at = now(), updated_at = now()
                    WHERE s.purged_at IS NOT NULL
                    RETURNING s.stream_id, s.incarnation
                )
                SELECT es.claims_hold(NOT $4 OR count(*) = cardinality($1)) AS claimed_streams,
                    coalesce(array_agg(stream_id), '{}'), coalesce(array_agg(incarnation), '{}')
                FROM claimed
                """);
            insert.Parameters.AddWithValue(fresh.Select(p => p.StreamId).ToArray());
            insert.Parameters.AddWithValue(fresh.Select(p => p.StreamType).ToArray());
            insert.Parameters.AddWithValue(fresh.Select(p => (long)p.Events.Count).ToArray());
            insert.Parameters.AddWithValue(strict);
            yield return insert;
        }
    }

    private static IEnumerable<NpgsqlBatchCommand> ReleaseKeys(List<StreamAppend> losers)
    {
        var keyed = losers.Where(p => p.Delivery is not null).ToList();
        if (keyed.Count == 0)
        {
            yield break;
        }
        var release = new NpgsqlBatchCommand("""
            DELETE FROM es.inbox i USING unnest($1::text[], $2::text[]) AS k(stream_id, delivery_key)
            WHERE i.stream_id = k.stream_id AND i.delivery_key = k.delivery_key
            """);
        release.Parameters.AddWithValue(keyed.Select(p => p.StreamId).ToArray());
        release.Parameters.AddWithValue(keyed.Select(p => p.Delivery!.Key).ToArray());
        yield return release;
    }

    // Events first, so the log-head lock they take is held only for the rest of the round trip and the commit; then
    // the inline rows, grouped by writer, and the answers kept for the delivery keys.
    private static IEnumerable<NpgsqlBatchCommand> Writes(IReadOnlyList<StreamAppend> winners)
    {
        if (winners.Count == 0)
        {
            yield break;
        }
        yield return InsertEvents(winners);
        foreach (var group in winners.SelectMany(p => p.Inline).GroupBy(row => row.Writer))
        {
            yield return group.Key.Write(group.ToList());
        }
        if (RecordAnswers(winners) is { } answers)
        {
            yield return answers;
        }
    }

    private static NpgsqlBatchCommand InsertEvents(IReadOnlyList<StreamAppend> winners)
    {
        var rows = winners.SelectMany(p => p.Events.Select((e, i) => (Append: p, Event: e, Version: p.ExpectedVersion + i + 1))).ToList();
        var command = new NpgsqlBatchCommand("""
            WITH head AS (
                UPDATE es.log_head SET last_position = last_position + $1 WHERE id = 1 RETURNING last_position
            ),
            committed AS (
                INSERT INTO es.commits (last_position, committed_at) SELECT last_position, clock_timestamp() FROM head
            )
            INSERT INTO es.events (position, event_id, stream_id, version, event_type, data, metadata)
            SELECT head.last_position - $1 + e.ordinal, e.event_id, e.stream_id, e.version, e.event_type, e.data::json, e.metadata::json
            FROM head, unnest($2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[])
                WITH ORDINALITY AS e(event_id, stream_id, version, event_type, data, metadata, ordinal)
            RETURNING position
            """);
        command.Parameters.AddWithValue((long)rows.Count);
        command.Parameters.AddWithValue(rows.Select(r => r.Event.EventId).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.Append.StreamId).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.Version).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.Event.Type).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.Event.Data).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.Event.Metadata).ToArray());
        return command;
    }

    private static NpgsqlBatchCommand? RecordAnswers(IReadOnlyList<StreamAppend> winners)
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

    // Positions follow the rows' order: head - total + 1 ... head.
    private static Dictionary<StreamAppend, AppendResult> Results(IReadOnlyList<StreamAppend> winners, long lastPosition,
        Dictionary<string, int> incarnations)
    {
        var results = new Dictionary<StreamAppend, AppendResult>();
        var position = lastPosition - winners.Sum(p => p.Events.Count);
        foreach (var append in winners)
        {
            var first = position + 1;
            position += append.Events.Count;
            results[append] = new AppendResult(append.ExpectedVersion + append.Events.Count, incarnations[append.StreamId], first, position);
        }
        return results;
    }

    private static string Milliseconds(TimeSpan span) =>
        ((long)Math.Max(1, span.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>One round trip: the commands sent as one batch, and what their answers claimed.</summary>
    private sealed class Trip(NpgsqlConnection connection)
    {
        private readonly List<NpgsqlBatchCommand> _commands = [];

        public HashSet<(string Stream, string Key)> Keys { get; } = [];
        public Dictionary<string, int> Incarnations { get; } = new(StringComparer.Ordinal);
        public long LastPosition { get; private set; }

        public void Add(IEnumerable<NpgsqlBatchCommand> commands) => _commands.AddRange(commands);

        // Answers are told apart by their first column's name (statements without rows give no result set to read).
        public void Send()
        {
            if (_commands.Count == 0)
            {
                return;
            }
            using var batch = new NpgsqlBatch(connection);
            foreach (var command in _commands)
            {
                batch.BatchCommands.Add(command);
            }
            using var reader = batch.ExecuteReader();
            do
            {
                while (reader.Read())
                {
                    switch (reader.GetName(0))
                    {
                        case "claimed_keys":
                            Keys.UnionWith(reader.GetFieldValue<string[]>(1).Zip(reader.GetFieldValue<string[]>(2)));
                            break;
                        case "claimed_streams":
                            foreach (var (stream, incarnation) in reader.GetFieldValue<string[]>(1).Zip(reader.GetFieldValue<int[]>(2)))
                            {
                                Incarnations[stream] = incarnation;
                            }
                            break;
                        case "position":
                            LastPosition = Math.Max(LastPosition, reader.GetInt64(0));
                            break;
                    }
                }
            }
            while (reader.NextResult());
        }
    }
}
