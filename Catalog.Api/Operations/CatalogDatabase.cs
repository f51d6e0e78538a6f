using Npgsql;

namespace Catalog.Api.Operations;

/// <summary>The database the catalog was configured with, if any, and whether its schema is in place.</summary>
public sealed class CatalogDatabase(CatalogSettings settings) : IAsyncDisposable
{
    private volatile bool _schemaReady;

    public NpgsqlDataSource? DataSource { get; } = settings.ConnectionString is null
        ? null
        : new NpgsqlDataSourceBuilder(settings.ConnectionString).Build();

    public bool SchemaReady => _schemaReady;

    public void MarkSchemaReady() => _schemaReady = true;

    public ValueTask DisposeAsync() => DataSource?.DisposeAsync() ?? ValueTask.CompletedTask;
}
