using Catalog.Tests.Fixtures;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Http;

/// <summary>
/// The real catalog host listening on a free port of 127.0.0.1 (Kestrel, not the in-memory test server) over its
/// own fresh database, for clients that live in another process: the browser, the command line, the Python client.
/// </summary>
public sealed class LiveCatalogFixture : IAsyncLifetime
{
    public const string AdminKey = CatalogHostFixture.AdminKey;
    public const string AgentKey = CatalogHostFixture.AgentKey;

    private CatalogAppFactory? _factory;

    public IServiceProvider Services => _factory!.Services;

    public string ConnectionString { get; private set; } = "";

    /// <summary>A storage root of this fixture's own, deleted afterwards.</summary>
    public string StorageRoot { get; } = Path.Combine(Path.GetTempPath(), $"catalog-storage-{Guid.NewGuid():N}");

    /// <summary>Where the host listens, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A client of the listening host (through the network stack, as other processes reach it).</summary>
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresDatabase.CreateFreshDatabaseAsync("live");
        Directory.CreateDirectory(StorageRoot);
        _factory = new CatalogAppFactory(new Dictionary<string, string?>
        {
            ["CATALOG_DB"] = ConnectionString,
            ["CATALOG_ADMIN_KEYS"] = AdminKey,
            ["CATALOG_AGENT_KEYS"] = AgentKey,
            ["CATALOG_STORAGE_ROOT"] = StorageRoot,
        });
        _factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.Single().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        Client = new HttpClient { BaseAddress = BaseAddress };
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
