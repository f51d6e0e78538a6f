using System.Net;
using System.Net.Sockets;

namespace Catalog.Tests.Fixtures;

/// <summary>Where the repository is, and a port nothing listens on, for tests that run its scripts or serve on a real port.</summary>
public static class Checkout
{
    public static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Catalog.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Catalog.sln was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A loopback port free at the time of asking.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
