using Catalog.Core.EventStore;
using Catalog.Core.JobCommands;
using Catalog.Core.Projections;
using Npgsql;

namespace Catalog.Tests.Projections;

/// <summary>
/// A test projection: one row per event in its own table, idempotent like a real one. With
/// <c>recordEveryApplication</c> the table has no key and every application inserts a row, so an event applied twice
/// (in committed transactions) shows as two rows.
/// </summary>
public sealed class CountingProjection(string name, bool recordEveryApplication = false) : IProjection
{
    public string Name => name;

    public IReadOnlyList<string> Tables => [name];

    /// <summary>Runs after the batch's rows are inserted, once per event, on the batch's connection; may block or throw.</summary>
    public Func<NpgsqlConnection, RecordedEvent, CancellationToken, Task>? AfterInsert { get; set; }

    public async Task CreateTableAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(
            $"CREATE TABLE {name} (position bigint{(recordEveryApplication ? "" : " PRIMARY KEY")}, stream_id text NOT NULL)");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The table's rows in position order.</summary>
    public static async Task<IReadOnlyList<(long Position, string StreamId)>> RowsAsync(NpgsqlDataSource dataSource, string name)
    {
        await using var command = dataSource.CreateCommand($"SELECT position, stream_id FROM {name} ORDER BY position");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1)));
        }
        return rows;
    }

    public async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events,
        ProjectionTables tables, CancellationToken cancellationToken)
    {
        await using (var insert = new NpgsqlCommand(
            $"INSERT INTO {tables[name]} (position, stream_id) SELECT * FROM unnest($1::bigint[], $2::text[]){(recordEveryApplication ? "" : " ON CONFLICT DO NOTHING")}",
            connection, transaction))
        {
            insert.Parameters.AddWithValue(events.Select(e => e.Position).ToArray());
            insert.Parameters.AddWithValue(events.Select(e => e.StreamId).ToArray());
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        if (AfterInsert is { } hook)
        {
            foreach (var recorded in events)
            {
                await hook(connection, recorded, cancellationToken);
            }
        }
    }

    public async Task ForgetStreamAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string streamId, ProjectionTables tables,
        CancellationToken cancellationToken)
    {
        await using var delete = new NpgsqlCommand($"DELETE FROM {tables[name]} WHERE stream_id = $1", connection, transaction);
        delete.Parameters.AddWithValue(streamId);
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}
