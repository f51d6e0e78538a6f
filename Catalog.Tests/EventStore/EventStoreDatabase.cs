using Catalog.Core.EventStore;
using Catalog.Tests.Fixtures;
using Npgsql;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Tests.EventStore;

/// <summary>
/// Class fixture: a fresh database with the schema applied, a data source and a store over it, and more stores on
/// demand (each its own group commit: another catalog node).
/// </summary>
public sealed class EventStoreDatabase : FreshDatabaseFixture
{
    private readonly List<Store> _nodes = [];
    private NpgsqlDataSource? _dataSource;

    public EventStoreDatabase()
        : base("es")
    {
    }

    public NpgsqlDataSource DataSource =>
        _dataSource ?? throw new InvalidOperationException("The database has not been created (yet).");

    public Store Store { get; private set; } = null!;

    /// <summary>Another node's store over the same database, disposed with the fixture.</summary>
    public Store NewNode(EventStoreOptions? options = null)
    {
        var node = new Store(NpgsqlDataSource.Create(ConnectionString), options);
        lock (_nodes)
        {
            _nodes.Add(node);
        }
        return node;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
        await SchemaMigrator.MigrateAsync(_dataSource, CancellationToken.None);
        Store = new Store(_dataSource);
    }

    public override async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
            await node.DataSource.DisposeAsync();
        }
        if (_dataSource is not null)
        {
            await Store.DisposeAsync();
            await _dataSource.DisposeAsync();
            _dataSource = null;
        }
        await base.DisposeAsync();
    }
}
