using System.Reflection;
using Npgsql;

namespace Catalog.Core.EventStore;

/// <summary>
/// Applies the embedded, numbered SQL scripts in order, each once. Safe when several nodes start together:
/// the whole run holds a transaction-scoped advisory lock, and every script commits with its bookkeeping row.
/// </summary>
public static class SchemaMigrator
{
    private const long LockKey = 0x436174616c6f67; // "Catalog"

    public static IReadOnlyList<(string Version, string Sql)> Scripts { get; } = LoadScripts();

    /// <summary>Applies the scripts not yet recorded; returns the versions applied by this call.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        await Execute(connection,
            "CREATE TABLE IF NOT EXISTS public.catalog_schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
            cancellationToken);

        var applied = new HashSet<string>();
        await using (var read = new NpgsqlCommand("SELECT version FROM public.catalog_schema_migrations", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        var done = new List<string>();
        foreach (var (version, sql) in Scripts.Where(s => !applied.Contains(s.Version)))
        {
            await Execute(connection, sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO public.catalog_schema_migrations (version) VALUES ($1)", connection);
            record.Parameters.AddWithValue(version);
            await record.ExecuteNonQueryAsync(cancellationToken);
            done.Add(version);
        }
        await transaction.CommitAsync(cancellationToken);
        return done;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static (string, string)[] LoadScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        const string prefix = "Catalog.Core.EventStore.Schema.";
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => (name[prefix.Length..^4], Read(assembly, name)))
            .ToArray();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
