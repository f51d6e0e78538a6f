using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Catalog.Tests.Http;

/// <summary>The real catalog host, in memory, configured like <c>./build/run</c> configures it.</summary>
public sealed class CatalogAppFactory(IReadOnlyDictionary<string, string?> settings, ILoggerProvider? requestLog = null)
    : WebApplicationFactory<Program>
{
    // Program ends with JasperFx's command runner, which starts the host for the test server only when told to.
    static CatalogAppFactory() => JasperFx.CommandLine.JasperFxEnvironment.AutoStartHost = true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            if (requestLog is not null)
            {
                logging.AddProvider(requestLog);
                logging.AddFilter(Catalog.Api.Operations.RequestLog.Category, LogLevel.Information);
            }
        });
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
