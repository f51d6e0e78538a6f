using System.Diagnostics;

namespace Catalog.Chaos;

/// <summary>
/// The second half of the outage part: the catalog is killed while PostgreSQL is down and started again before the
/// database is back (a host reboot, a deploy during a database maintenance). It must start, answer /health 503 and
/// requests 503 with Retry-After rather than exit, and serve again by itself once the database returns.
/// </summary>
internal static class ColdStartCheck
{
    private static readonly TimeSpan Down = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(ChaosContext context, PostgresControl postgres, AgentLoad load, PartOutcome part,
        CancellationToken cancellationToken)
    {
        var options = context.Options;
        var http = context.Client.Http;
        context.Ledger.OpenOutage();
        await postgres.StopFastAsync();
        try
        {
            await context.Catalog.KillAsync();
            context.Catalog = CatalogProcess.Start(options);
            // Until Kestrel listens the answer is 0; after that only 503 is right.
            var listening = Stopwatch.StartNew();
            while (await HealthProbe.StatusAsync(http, options.ApiUrl, cancellationToken) == 0
                && !context.Catalog.HasExited && listening.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(50, cancellationToken);
            }
            var health = await HealthProbe.SampleAsync(http, options.ApiUrl, Down, cancellationToken);
            part.Check(!context.Catalog.HasExited,
                $"the catalog started without its database exited (code {(context.Catalog.HasExited ? context.Catalog.ExitCodeText() : "")})");
            part.Check(health.Count > 0 && health.All(status => status == 503),
                $"/health of a catalog started without its database answered [{string.Join(", ", health.Distinct())}] instead of only 503");
        }
        finally
        {
            await postgres.StartAsync();
        }
        var upAt = Stopwatch.GetTimestamp();
        var healthy = await HealthProbe.WaitOkAsync(http, options.ApiUrl, TimeSpan.FromSeconds(60), cancellationToken);
        context.Results.ColdStartRecoverySeconds = Math.Round(Stopwatch.GetElapsedTime(upAt).TotalSeconds, 2);
        part.Check(healthy, "a catalog started without its database did not answer /health 200 within 60 s of PostgreSQL starting");
        part.Check(await load.WaitForProgressAsync(options.Agents, TimeSpan.FromSeconds(60)),
            "ingest did not resume on the catalog started without its database");
        context.Ledger.CloseOutage();
        Console.Error.WriteLine($"[chaos] started without its database, the catalog served again {context.Results.ColdStartRecoverySeconds:0.00} s after PostgreSQL returned");
    }
}
