using Catalog.Core.EventStore;
using Catalog.Tests.Fixtures;
using Npgsql;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Tests.EventStore;

/// <summary>Class fixture: a fresh database with the event store schema applied, and a data source over it.</summary>
public sealed class EventStoreDatabase : FreshDatabaseFixture
{
    private NpgsqlDataSource? _dataSource;

    public EventStoreDatabase()
        : base("es")
    {
    }

    public NpgsqlDataSource DataSource =>
        _dataSource ?? throw new InvalidOperationException("The database has not been created (yet).");

    public Store Store => new(DataSource);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
        await SchemaMigrator.MigrateAsync(_dataSource, CancellationToken.None);
    }

    public override async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
            _dataSource = null;
        }
        await base.DisposeAsync();
    }
}
