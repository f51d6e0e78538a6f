using Catalog.Core.EventStore;
using Catalog.Core.JobCommands;
using Catalog.Tests.Fixtures;
using Npgsql;

namespace Catalog.Tests.EventStore;

[Trait("Category", "Database")]
public sealed class SchemaMigratorTests
{
    [Fact]
    public async Task Given_two_nodes_starting_at_once_then_each_script_is_applied_exactly_once()
    {
        var connectionString = await PostgresDatabase.CreateFreshDatabaseAsync("migrate");
        try
        {
            await using var first = NpgsqlDataSource.Create(connectionString);
            await using var second = NpgsqlDataSource.Create(connectionString);

            var applied = await Task.WhenAll(
                Task.Run(() => SchemaMigrator.MigrateAsync(first, CancellationToken.None)),
                Task.Run(() => SchemaMigrator.MigrateAsync(second, CancellationToken.None)));
            var again = await SchemaMigrator.MigrateAsync(first, CancellationToken.None);

            Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Version).Order(StringComparer.Ordinal),
                applied.SelectMany(a => a).Order(StringComparer.Ordinal));
            Assert.Empty(again);
            await using var count = first.CreateCommand("SELECT count(*) FROM public.catalog_schema_migrations");
            Assert.Equal((long)SchemaMigrator.Scripts.Count, await count.ExecuteScalarAsync());
            Assert.Contains(SchemaMigrator.Scripts, s => s.Version == "001_event_store");
        }
        finally
        {
            await PostgresDatabase.DropDatabaseAsync(connectionString);
        }
    }
}
