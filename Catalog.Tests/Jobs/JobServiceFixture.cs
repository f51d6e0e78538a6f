using Catalog.Core.EventStore;
using Catalog.Tests.Fixtures;
using Npgsql;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Tests.Jobs;

/// <summary>A fresh database with the schema applied, and a job service over it.</summary>
public sealed class JobServiceFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public Store Store { get; private set; } = null!;
    public JobService Jobs { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresDatabase.CreateFreshDatabaseAsync("jobs");
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        await SchemaMigrator.MigrateAsync(DataSource, CancellationToken.None);
        Store = new Store(DataSource);
        Jobs = new JobService(Store, TimeProvider.System);
    }

    public async Task<long> ScalarAsync(string sql, params object[] arguments)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var argument in arguments)
        {
            command.Parameters.AddWithValue(argument);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await PostgresDatabase.DropDatabaseAsync(ConnectionString);
    }
}
