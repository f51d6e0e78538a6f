using System.Text.RegularExpressions;
using Npgsql;

namespace Catalog.Core.Projections;

/// <summary>
/// The fresh copies of a projection's tables that a rebuild fills, and the swap that puts them in place of the live
/// ones in one transaction: readers see the old complete tables until the commit, then the new ones, never a half.
/// </summary>
internal static partial class TableSwap
{
    /// <summary>Creates empty copies of the tables (columns, defaults, constraints, indexes), dropping older ones.</summary>
    public static async Task CreateNextAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> tables,
        CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            var next = ProjectionTables.Next[table];
            await ExecuteAsync(connection, transaction, $"DROP TABLE IF EXISTS {next}; CREATE TABLE {next} (LIKE {table} INCLUDING ALL)",
                cancellationToken);
        }
    }

    /// <summary>Drops the copies, if any (a rebuild that is started again, or abandoned).</summary>
    public static async Task DropNextAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> tables,
        CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            await ExecuteAsync(connection, transaction, $"DROP TABLE IF EXISTS {ProjectionTables.Next[table]}", cancellationToken);
        }
    }

    /// <summary>
    /// Replaces each live table with its copy, and gives the copy's indexes (and the constraints they carry) the names
    /// the live ones had, so schema scripts can keep naming them.
    /// </summary>
    public static async Task SwapAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> tables,
        CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            var next = ProjectionTables.Next[table];
            var liveIndexes = await IndexesAsync(connection, transaction, table, cancellationToken);
            var nextIndexes = await IndexesAsync(connection, transaction, next, cancellationToken);
            await ExecuteAsync(connection, transaction, $"DROP TABLE {table}; ALTER TABLE {next} RENAME TO {table}", cancellationToken);
            foreach (var (name, shape) in nextIndexes)
            {
                if (liveIndexes.FirstOrDefault(live => live.Shape == shape) is { Name: { } liveName } && liveName != name)
                {
                    await ExecuteAsync(connection, transaction, $"ALTER INDEX {Quote(name)} RENAME TO {Quote(liveName)}", cancellationToken);
                }
            }
        }
    }

    // An index's definition without its own name and its table's, so the copy's index can be matched to the live one.
    private static async Task<List<(string Name, string Shape)>> IndexesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
            WHERE x.indrelid = $1::regclass ORDER BY i.relname
            """, connection, transaction);
        command.Parameters.AddWithValue(table);
        var indexes = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            indexes.Add((reader.GetString(0), IndexHead().Replace(reader.GetString(1), "$1 ON ")));
        }
        return indexes;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [GeneratedRegex(@"^(CREATE (?:UNIQUE )?INDEX) \S+ ON \S+ ")]
    private static partial Regex IndexHead();
}
