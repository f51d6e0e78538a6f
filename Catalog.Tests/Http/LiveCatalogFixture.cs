using Catalog.Core.Projections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Http;

/// <summary>
/// The real catalog host listening on a free port of 127.0.0.1 (Kestrel, not the in-memory test server) over its
/// own fresh database, for clients that live in another process: the browser, the command line, the Python client.
/// Webhook URLs are built from the request's base URL, so they point at this host.
/// </summary>
public sealed class LiveCatalogFixture : CatalogHostFixture
{
    /// <summary>Where the host listens, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public Uri BaseAddress { get; private set; } = null!;

    protected override string DatabasePrefix => "live";

    protected override string? PublicUrl => null;

    // A client of the listening host, through the network stack, as other processes reach it.
    protected override HttpClient Start(CatalogAppFactory factory)
    {
        Directory.CreateDirectory(StorageRoot);
        factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.Single());
        return new HttpClient { BaseAddress = BaseAddress };
    }

    /// <summary>Waits until every projection has applied what the log holds now, so answers read through them are whole.</summary>
    public async Task CatchUpAsync()
    {
        var head = await Services.GetRequiredService<Catalog.Core.EventStore.EventStore>().HeadAsync(CancellationToken.None);
        await Services.GetRequiredService<ProjectionDaemon>().WaitForPositionAsync(head, TimeSpan.FromSeconds(60), CancellationToken.None);
    }
}
