using Catalog.Tests.Fixtures;

namespace Catalog.Tests.Http;

/// <summary>One catalog host per test class over its own fresh database on the throwaway cluster.</summary>
public class CatalogHostFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key";
    public const string AgentKey = "test-agent-key";

    private CatalogAppFactory? _factory;

    /// <summary>The host's own services (the job service, the projection daemon) for seeding and waiting.</summary>
    public IServiceProvider Services => _factory!.Services;

    public string ConnectionString { get; private set; } = "";

    /// <summary>A storage root of this fixture's own, deleted afterwards.</summary>
    public string StorageRoot { get; } = Path.Combine(Path.GetTempPath(), $"catalog-storage-{Guid.NewGuid():N}");

    public HttpClient Client { get; private set; } = null!;

    /// <summary>A client that shows redirects instead of following them.</summary>
    public HttpClient CreateClientWithoutRedirects() =>
        _factory!.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>The prefix of the fresh database's name.</summary>
    protected virtual string DatabasePrefix => "http";

    /// <summary>The base of the webhook URLs handed to agents; null: the request's own base URL.</summary>
    protected virtual string? PublicUrl => "http://catalog.test";

    /// <summary>Starts the host and answers the client tests talk to it with (in memory here).</summary>
    protected virtual HttpClient Start(CatalogAppFactory factory) => factory.CreateClient();

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresDatabase.CreateFreshDatabaseAsync(DatabasePrefix);
        _factory = new CatalogAppFactory(new Dictionary<string, string?>
        {
            ["CATALOG_DB"] = ConnectionString,
            ["CATALOG_ADMIN_KEYS"] = AdminKey,
            ["CATALOG_AGENT_KEYS"] = AgentKey,
            ["CATALOG_PUBLIC_URL"] = PublicUrl,
            ["CATALOG_STORAGE_ROOT"] = StorageRoot,
        });
        Client = Start(_factory);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        await PostgresDatabase.DropDatabaseAsync(ConnectionString);
        if (Directory.Exists(StorageRoot))
        {
            Directory.Delete(StorageRoot, recursive: true);
        }
    }
}
