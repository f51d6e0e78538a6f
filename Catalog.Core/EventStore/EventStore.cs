using Npgsql;

namespace Catalog.Core.EventStore;

/// <summary>
/// The catalog's event store on PostgreSQL (anchors/event-store.md §5). Streams carry a version and an incarnation
/// for optimistic concurrency; every event gets a global position from the single log-head row, locked until commit,
/// so position order is commit order and a checkpointing reader can never skip an event. There is one way to append:
/// <see cref="AppendAsync"/>, the group commit.
/// </summary>
public sealed class EventStore : IAsyncDisposable
{
    private const string EventColumns = "position, event_id, stream_id, version, event_type, data::text, metadata::text, recorded_at";

    private readonly GroupCommitter _committer;

    public EventStore(NpgsqlDataSource dataSource, EventStoreOptions? options = null)
    {
        DataSource = dataSource;
        _committer = new GroupCommitter(dataSource, options ?? new EventStoreOptions());
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Appends that are waiting for their commit (queued or in the batch being committed).</summary>
    public int QueuedAppends => _committer.Queued;

    /// <summary>
    /// Appends one stream's events and waits for the commit that decides them: committed (with the inline rows and the
    /// delivery's answer), a version conflict, a delivery key used before, or unstorable content. Concurrent appends
    /// share commits; one append's bad content never fails another's.
    /// </summary>
    public Task<AppendOutcome> AppendAsync(StreamAppend append, CancellationToken cancellationToken) =>
        _committer.AppendAsync(append, cancellationToken);

    /// <summary>Holds every commit until the handle is disposed (appends queue up meanwhile), e.g. to make one batch.</summary>
    public IDisposable PauseCommits() => _committer.Pause();

    /// <summary>The stream's head and its events in version order (no events for a stream that does not exist).</summary>
    public async Task<StreamRead> LoadStreamAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT version, incarnation FROM es.streams WHERE stream_id = $1") { Parameters = { new() { Value = streamId } } },
                new NpgsqlBatchCommand($"SELECT {EventColumns} FROM es.events WHERE stream_id = $1 ORDER BY version") { Parameters = { new() { Value = streamId } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var head = await reader.ReadAsync(cancellationToken) ? new StreamHead(reader.GetInt64(0), reader.GetInt32(1)) : StreamHead.None;
        await reader.NextResultAsync(cancellationToken);
        return new StreamRead(head, await ReadEventsAsync(reader, cancellationToken));
    }

    /// <summary>The stream's events in version order (empty when it does not exist).</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, CancellationToken cancellationToken) =>
        (await LoadStreamAsync(streamId, cancellationToken)).Events;

    /// <summary>The stream's version and incarnation (<see cref="StreamHead.None"/> when it never existed).</summary>
    public async Task<StreamHead> HeadOfAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand("SELECT version, incarnation FROM es.streams WHERE stream_id = $1");
        command.Parameters.AddWithValue(streamId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StreamHead(reader.GetInt64(0), reader.GetInt32(1)) : StreamHead.None;
    }

    /// <summary>Up to <paramref name="limit"/> events after a global position, in position order.</summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long afterPosition, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        return await ReadRangeAsync(connection, null, afterPosition, long.MaxValue, null, cancellationToken, limit);
    }

    /// <summary>The events in the span (after, upTo] of positions, of the given types (null: all), in position order.</summary>
    public static async Task<IReadOnlyList<RecordedEvent>> ReadRangeAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        long afterPosition, long upToPosition, IReadOnlyCollection<string>? types, CancellationToken cancellationToken, int limit = int.MaxValue)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {EventColumns} FROM es.events WHERE position > $1 AND position <= $2 AND ($3::text[] IS NULL OR event_type = ANY($3)) ORDER BY position LIMIT $4",
            connection, transaction);
        command.Parameters.AddWithValue(afterPosition);
        command.Parameters.AddWithValue(upToPosition);
        command.Parameters.Add(new NpgsqlParameter<string[]?> { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, TypedValue = types?.ToArray() });
        command.Parameters.AddWithValue(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadEventsAsync(reader, cancellationToken);
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

    /// <summary>The payload hash and answer recorded with a delivery key of the stream, or null when it was never used.</summary>
    public async Task<(byte[] PayloadHash, string? Answer)?> DeliveryAsync(string streamId, string key, CancellationToken cancellationToken)
    {
        await using var read = DataSource.CreateCommand("SELECT payload_sha256, result::text FROM es.inbox WHERE stream_id = $1 AND delivery_key = $2");
        read.Parameters.AddWithValue(streamId);
        read.Parameters.AddWithValue(key);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ((byte[])reader[0], reader.IsDBNull(1) ? null : reader.GetString(1)) : null;
    }

    /// <summary>
    /// Removes a stream's events and delivery keys for good, in one transaction with what <paramref name="alongside"/>
    /// writes (the projections forgetting the stream, an audit record). The stream's row stays as a tombstone, so its
    /// next life is a new incarnation. Returns the number of events removed, or null when there is no such stream.
    /// </summary>
    public async Task<int?> PurgeStreamAsync(string streamId,
        Func<NpgsqlConnection, NpgsqlTransaction, int, CancellationToken, Task> alongside, CancellationToken cancellationToken)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockStream = new NpgsqlCommand(
            "SELECT version FROM es.streams WHERE stream_id = $1 AND purged_at IS NULL FOR UPDATE", connection, transaction))
        {
            lockStream.Parameters.AddWithValue(streamId);
            if (await lockStream.ExecuteScalarAsync(cancellationToken) is null)
            {
                return null;
            }
        }
        await using var purge = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("DELETE FROM es.events WHERE stream_id = $1") { Parameters = { new() { Value = streamId } } },
                new NpgsqlBatchCommand("DELETE FROM es.inbox WHERE stream_id = $1") { Parameters = { new() { Value = streamId } } },
                new NpgsqlBatchCommand("UPDATE es.streams SET version = 0, purged_at = now(), updated_at = now() WHERE stream_id = $1")
                {
                    Parameters = { new() { Value = streamId } },
                },
            },
        };
        await purge.ExecuteNonQueryAsync(cancellationToken);
        var removed = purge.BatchCommands[0].RecordsAffected;
        await alongside(connection, transaction, removed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    public ValueTask DisposeAsync() => _committer.DisposeAsync();

    private static async Task<IReadOnlyList<RecordedEvent>> ReadEventsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var events = new List<RecordedEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new RecordedEvent(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7)));
        }
        return events;
    }
}
