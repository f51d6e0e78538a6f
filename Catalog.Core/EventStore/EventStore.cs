using Npgsql;
using NpgsqlTypes;

namespace Catalog.Core.EventStore;

/// <summary>
/// The catalog's event store on PostgreSQL (anchors/event-store.md §5). Streams carry a version for optimistic
/// concurrency; every event gets a global position from the single log-head row, which is locked until commit, so
/// position order is commit order and a checkpointing reader can never skip an event.
/// </summary>
public sealed class EventStore(NpgsqlDataSource dataSource)
{
    private const string EventColumns = "position, event_id, stream_id, version, event_type, data::text, metadata::text, recorded_at";

    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>Appends to a stream in a transaction of its own. <paramref name="expectedVersion"/> 0 means "no stream yet".</summary>
    /// <exception cref="ConcurrencyException">The stream is not at <paramref name="expectedVersion"/>.</exception>
    public async Task<AppendResult> AppendAsync(string streamId, string streamType, long expectedVersion,
        IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await AppendAsync(connection, transaction, streamId, streamType, expectedVersion, events, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Appends inside the caller's transaction, so whatever else it writes commits with the events. Locks are taken in
    /// one order: the stream row, then the log head (held until commit, and nothing is locked after it).
    /// </summary>
    /// <exception cref="ConcurrencyException">The stream is not at <paramref name="expectedVersion"/>; roll back.</exception>
    public static async Task<AppendResult> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string streamId, string streamType, long expectedVersion, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(events.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var newVersion = expectedVersion + events.Count;
        await using (var claim = new NpgsqlCommand(expectedVersion == 0
            ? "INSERT INTO es.streams (stream_id, stream_type, version) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING version"
            : "UPDATE es.streams SET version = $3, updated_at = now() WHERE stream_id = $1 AND version = $4 RETURNING version",
            connection, transaction))
        {
            claim.Parameters.AddWithValue(streamId);
            claim.Parameters.AddWithValue(streamType);
            claim.Parameters.AddWithValue(newVersion);
            if (expectedVersion != 0)
            {
                claim.Parameters.AddWithValue(expectedVersion);
            }
            if (await claim.ExecuteScalarAsync(cancellationToken) is null)
            {
                throw new ConcurrencyException(streamId, expectedVersion, await VersionAsync(connection, transaction, streamId, cancellationToken));
            }
        }

        await using var insert = new NpgsqlCommand("""
            WITH head AS (
                UPDATE es.log_head SET last_position = last_position + $2 WHERE id = 1 RETURNING last_position
            )
            INSERT INTO es.events (position, event_id, stream_id, version, event_type, data, metadata)
            SELECT head.last_position - $2 + e.ordinal, e.event_id, $1, $3 + e.ordinal, e.event_type, e.data::json, e.metadata::json
            FROM head, unnest($4::uuid[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS e(event_id, event_type, data, metadata, ordinal)
            RETURNING position
            """, connection, transaction);
        insert.Parameters.AddWithValue(streamId);
        insert.Parameters.AddWithValue((long)events.Count);
        insert.Parameters.AddWithValue(expectedVersion);
        insert.Parameters.AddWithValue(events.Select(e => e.EventId).ToArray());
        insert.Parameters.AddWithValue(events.Select(e => e.Type).ToArray());
        insert.Parameters.AddWithValue(events.Select(e => e.Data).ToArray());
        insert.Parameters.AddWithValue(events.Select(e => e.Metadata).ToArray());
        var first = long.MaxValue;
        var last = long.MinValue;
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var position = reader.GetInt64(0);
                first = Math.Min(first, position);
                last = Math.Max(last, position);
            }
        }
        return new AppendResult(newVersion, first, last);
    }

    /// <summary>The stream's events in version order (empty when it does not exist).</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        return await ReadStreamAsync(connection, null, streamId, cancellationToken);
    }

    public static async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        string streamId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {EventColumns} FROM es.events WHERE stream_id = $1 ORDER BY version", connection, transaction);
        command.Parameters.AddWithValue(streamId);
        return await ReadEventsAsync(command, cancellationToken);
    }

    /// <summary>Up to <paramref name="limit"/> events after a global position, in position order.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        return await ReadAllAsync(connection, null, afterPosition, limit, cancellationToken);
    }

    public static async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        long afterPosition, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {EventColumns} FROM es.events WHERE position > $1 ORDER BY position LIMIT $2", connection, transaction);
        command.Parameters.AddWithValue(afterPosition);
        command.Parameters.AddWithValue(limit);
        return await ReadEventsAsync(command, cancellationToken);
    }

    /// <summary>The events in the span (after, upTo] of positions, of the given types (null: all), in position order.</summary>
    public static async Task<IReadOnlyList<RecordedEvent>> ReadRangeAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        long afterPosition, long upToPosition, IReadOnlyCollection<string>? types, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(types is null
            ? $"SELECT {EventColumns} FROM es.events WHERE position > $1 AND position <= $2 ORDER BY position"
            : $"SELECT {EventColumns} FROM es.events WHERE position > $1 AND position <= $2 AND event_type = ANY($3) ORDER BY position",
            connection, transaction);
        command.Parameters.AddWithValue(afterPosition);
        command.Parameters.AddWithValue(upToPosition);
        if (types is not null)
        {
            command.Parameters.AddWithValue(types.ToArray());
        }
        return await ReadEventsAsync(command, cancellationToken);
    }

    /// <summary>The last committed position: every event up to it is committed and visible.</summary>
    public static async Task<long> CommittedHeadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT last_position FROM es.log_head WHERE id = 1", connection, transaction);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>The last position handed out (committed appends only).</summary>
    public async Task<long> HeadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        return await CommittedHeadAsync(connection, null, cancellationToken);
    }

    /// <summary>The stream's current version, or null when there is no such stream.</summary>
    public async Task<long?> VersionAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        return await VersionAsync(connection, null, streamId, cancellationToken);
    }

    private static async Task<long?> VersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string streamId,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM es.streams WHERE stream_id = $1", connection, transaction);
        command.Parameters.AddWithValue(streamId);
        return await command.ExecuteScalarAsync(cancellationToken) as long?;
    }

    private static async Task<IReadOnlyList<RecordedEvent>> ReadEventsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var events = new List<RecordedEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new RecordedEvent(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7)));
        }
        return events;
    }
}
