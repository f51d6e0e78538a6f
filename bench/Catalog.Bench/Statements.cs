using Npgsql;

namespace Catalog.Bench;

/// <summary>
/// pg_stat_statements around a part, when build/bench could preload it: reset before, the top statements by total
/// execution time after. Best effort: without the extension the report simply has no such table.
/// </summary>
internal static class Statements
{
    public static async Task<bool> ResetAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(options.CatalogDb);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    public static async Task<IReadOnlyList<StatementStat>> TopAsync(BenchOptions options, int count, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(options.CatalogDb);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT calls, total_exec_time, mean_exec_time, rows, regexp_replace(query, '\s+', ' ', 'g')
            FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = current_database() AND query NOT ILIKE '%pg_stat_statements%'
            ORDER BY total_exec_time DESC LIMIT $1
            """, connection);
        command.Parameters.AddWithValue(count);
        var top = new List<StatementStat>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var query = reader.GetString(4);
            top.Add(new StatementStat(reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetInt64(3),
                query.Length > 160 ? query[..160] + "…" : query));
        }
        return top;
    }
}
