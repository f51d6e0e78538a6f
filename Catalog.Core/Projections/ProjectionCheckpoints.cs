using Npgsql;

namespace Catalog.Core.Projections;

/// <summary>A projection's row in <c>es.projections</c> as a batch reads it.</summary>
internal sealed record Checkpoint(long Position, string Status, long? RebuildTarget, long? RebuildPosition, long? ErrorPosition)
{
    /// <summary>A rebuild is filling fresh tables.</summary>
    public bool Rebuilding => Status == ProjectionStatus.Rebuilding && RebuildPosition is not null;

    /// <summary>
    /// The live tables take batches while running or rebuilding; not after a fault (a rebuild started to recover from
    /// one leaves them as they are until the fresh tables replace them).
    /// </summary>
    public bool LiveRuns => Status == ProjectionStatus.Running || (Rebuilding && ErrorPosition is null);
}

/// <summary>The checkpoint SQL the daemon's batches share.</summary>
internal static class ProjectionCheckpoints
{
    public static async Task EnsureAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string name,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("INSERT INTO es.projections (name) VALUES ($1) ON CONFLICT DO NOTHING", connection, transaction);
        insert.Parameters.AddWithValue(name);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Locks the checkpoint row; null when another transaction holds it and <paramref name="skipLocked"/>. A node that
    /// stops answering (frozen, stalled) must not keep the row locked for everyone: PostgreSQL ends a transaction idle
    /// for <paramref name="lease"/>, which makes the lock a lease.
    /// </summary>
    public static async Task<Checkpoint?> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name,
        bool skipLocked, TimeSpan lease, CancellationToken cancellationToken)
    {
        // The checkpoint can always be replayed, so its commit need not wait for the WAL flush (§5.1).
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"),
                new NpgsqlBatchCommand($"SET LOCAL idle_in_transaction_session_timeout = {(long)Math.Max(1, lease.TotalMilliseconds)}"),
                new NpgsqlBatchCommand($"""
                    SELECT position, status, rebuild_target, rebuild_position, error_position FROM es.projections
                    WHERE name = $1 FOR UPDATE{(skipLocked ? " SKIP LOCKED" : "")}
                    """)
                {
                    Parameters = { new NpgsqlParameter { Value = name } },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Checkpoint(reader.GetInt64(0), reader.GetString(1), Nullable(reader, 2), Nullable(reader, 3), Nullable(reader, 4))
            : null;
    }

    /// <summary>Moves the live position.</summary>
    public static async Task SaveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, long position,
        CancellationToken cancellationToken)
    {
        await using var save = new NpgsqlCommand("UPDATE es.projections SET position = $2, updated_at = now() WHERE name = $1",
            connection, transaction);
        save.Parameters.AddWithValue(name);
        save.Parameters.AddWithValue(position);
        await save.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task SaveRebuildAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, long position,
        CancellationToken cancellationToken)
    {
        await using var save = new NpgsqlCommand("UPDATE es.projections SET rebuild_position = $2, updated_at = now() WHERE name = $1",
            connection, transaction);
        save.Parameters.AddWithValue(name);
        save.Parameters.AddWithValue(position);
        await save.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The fresh tables replaced the live ones: the projection runs at <paramref name="position"/>.</summary>
    public static async Task FinishRebuildAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, long position,
        CancellationToken cancellationToken)
    {
        await using var save = new NpgsqlCommand("""
            UPDATE es.projections SET position = $2, status = 'running', rebuild_position = NULL, rebuild_target = NULL,
                last_error = NULL, error_position = NULL, updated_at = now()
            WHERE name = $1
            """, connection, transaction);
        save.Parameters.AddWithValue(name);
        save.Parameters.AddWithValue(position);
        await save.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Parks the projection at the event that fails (the live side at <paramref name="position"/>). With
    /// <paramref name="liveOnly"/> (the live tables failed while a rebuild runs) only the live side stops: the fresh
    /// tables go on and replace them.
    /// </summary>
    public static async Task FaultAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string name, long position,
        string error, long errorPosition, bool liveOnly, CancellationToken cancellationToken)
    {
        await using var fault = new NpgsqlCommand("""
            UPDATE es.projections SET position = $2, status = CASE WHEN $5 THEN status ELSE 'faulted' END, last_error = $3,
                error_position = $4, rebuild_position = CASE WHEN $5 THEN rebuild_position END, updated_at = now()
            WHERE name = $1
            """, connection, transaction);
        fault.Parameters.AddWithValue(name);
        fault.Parameters.AddWithValue(position);
        fault.Parameters.AddWithValue(error);
        fault.Parameters.AddWithValue(errorPosition);
        fault.Parameters.AddWithValue(liveOnly);
        await fault.ExecuteNonQueryAsync(cancellationToken);
    }

    private static long? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
