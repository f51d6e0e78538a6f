using Catalog.Tests.Fixtures;

namespace Catalog.Tests.Http;

/// <summary>One catalog host per test class over its own fresh database on the throwaway cluster.</summary>
public sealed class CatalogHostFixture : IAsyncLifetime
{
    private CatalogAppFactory? _factory;

    public string ConnectionString { get; private set; } = "";

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresDatabase.CreateFreshDatabaseAsync("http");
        _factory = new CatalogAppFactory(new Dictionary<string, string?> { ["CATALOG_DB"] = ConnectionString });
        Client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        await PostgresDatabase.DropDatabaseAsync(ConnectionString);
    }
}
