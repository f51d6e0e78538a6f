using Npgsql;

namespace Catalog.Api.Operations;

/// <summary>
/// The database the catalog was configured with and whether its schema is in place. Without <c>CATALOG_DB</c> the
/// data source points nowhere, so every database route answers 503 while the preview still works.
/// </summary>
public sealed class CatalogDatabase(CatalogSettings settings) : IAsyncDisposable
{
    private const string Nowhere = "Host=127.0.0.1;Port=1;Database=unconfigured;Timeout=2";

    private volatile bool _schemaReady;

    public bool Configured { get; } = settings.ConnectionString is not null;

    public NpgsqlDataSource DataSource { get; } = new NpgsqlDataSourceBuilder(settings.ConnectionString ?? Nowhere).Build();

    public bool SchemaReady => _schemaReady;

    public void MarkSchemaReady() => _schemaReady = true;

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
