using Catalog.Core.EventStore;
using Catalog.Core.JobCommands;
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

    private readonly List<Store> _nodes = [];

    /// <summary>Another catalog node: its own data source, store (group commit) and job service over this database.</summary>
    public JobService NewNode()
    {
        var store = new Store(NpgsqlDataSource.Create(ConnectionString));
        lock (_nodes)
        {
            _nodes.Add(store);
        }
        return new JobService(store, TimeProvider.System);
    }

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

    public async Task<string?> TextAsync(string sql, params object[] arguments)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var argument in arguments)
        {
            command.Parameters.AddWithValue(argument);
        }
        return await command.ExecuteScalarAsync() as string;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
            await node.DataSource.DisposeAsync();
        }
        await Store.DisposeAsync();
        await DataSource.DisposeAsync();
        await PostgresDatabase.DropDatabaseAsync(ConnectionString);
    }
}
