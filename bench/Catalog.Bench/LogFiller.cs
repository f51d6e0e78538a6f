using System.Diagnostics;
using Npgsql;

namespace Catalog.Bench;

/// <summary>
/// Grows the event log before the rebuild by cloning the streams ingest wrote: each clone is a new job UUID (type
/// prefix 107) with the same events, the job UUID inside the event data replaced, fresh event ids, and positions
/// appended after the head under the log-head lock, exactly as appends would leave them (gapless, in stream order).
/// Replaying real event payloads keeps the rebuild figure honest; cloning only spares hours of HTTP at this rate.
/// </summary>
internal static class LogFiller
{
    /// <summary>Clones until the log holds at least <paramref name="target"/> events; returns (events added, seconds).</summary>
    public static async Task<(long Added, double Seconds)> FillAsync(BenchOptions options, IReadOnlyList<string> streams, long target,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var connection = new NpgsqlConnection(options.CatalogDb);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long head;
        await using (var lockHead = new NpgsqlCommand("SELECT last_position FROM es.log_head WHERE id = 1 FOR UPDATE", connection, transaction))
        {
            head = (long)(await lockHead.ExecuteScalarAsync(cancellationToken))!;
        }
        long perCopy;
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM es.events WHERE stream_id = ANY($1)", connection, transaction))
        {
            count.Parameters.AddWithValue(streams.ToArray());
            perCopy = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }
        if (perCopy == 0 || head >= target)
        {
            return (0, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        var copies = (int)Math.Ceiling((target - head) / (double)perCopy);
        // The clone's UUID: 107 (pipelinejob) and 29 hex digits of md5(source:copy), as a canonical lower-case UUID.
        const string Clone = "('107' || substr(md5(s.stream_id || ':' || k), 4))::uuid::text";
        await using (var streamsCopy = new NpgsqlCommand($"""
            INSERT INTO es.streams (stream_id, stream_type, version, created_at, updated_at)
            SELECT {Clone}, s.stream_type, s.version, s.created_at, s.updated_at
            FROM es.streams s, generate_series(1, $2) AS k
            WHERE s.stream_id = ANY($1)
            """, connection, transaction))
        {
            streamsCopy.Parameters.AddWithValue(streams.ToArray());
            streamsCopy.Parameters.AddWithValue(copies);
            streamsCopy.CommandTimeout = 0;
            await streamsCopy.ExecuteNonQueryAsync(cancellationToken);
        }
        long added;
        await using (var eventsCopy = new NpgsqlCommand($"""
            INSERT INTO es.events (position, event_id, stream_id, version, event_type, data, metadata, recorded_at)
            SELECT $3 + row_number() OVER (ORDER BY k, s.position), gen_random_uuid(), {Clone}, s.version, s.event_type,
                replace(s.data::text, s.stream_id, {Clone})::json, s.metadata, s.recorded_at
            FROM es.events s, generate_series(1, $2) AS k
            WHERE s.stream_id = ANY($1)
            """, connection, transaction))
        {
            eventsCopy.Parameters.AddWithValue(streams.ToArray());
            eventsCopy.Parameters.AddWithValue(copies);
            eventsCopy.Parameters.AddWithValue(head);
            eventsCopy.CommandTimeout = 0;
            added = await eventsCopy.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var moveHead = new NpgsqlCommand("UPDATE es.log_head SET last_position = $1 WHERE id = 1", connection, transaction))
        {
            moveHead.Parameters.AddWithValue(head + added);
            await moveHead.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return (added, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
