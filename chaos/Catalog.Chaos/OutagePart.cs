using System.Diagnostics;

namespace Catalog.Chaos;

/// <summary>
/// Part 2: stop PostgreSQL under load, start it again after the outage seconds. Meanwhile the catalog must answer 503
/// problem+json with Retry-After (never 500) and /health 503; afterwards /health 200 and ingest resumes in the same
/// process, with nothing acknowledged lost. Then a second, shorter outage in which the catalog is killed and started
/// while the database is down (<see cref="ColdStartCheck"/>).
/// </summary>
internal static class OutagePart
{
    public static async Task RunAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        var part = context.Results.Part("outage");
        var options = context.Options;
        var postgres = new PostgresControl(options);
        var load = AgentLoad.Start(context.Client, context.PipelineUuid, $"{context.Run}-outage", options.Agents);
        var pid = context.Catalog.Pid;
        var databaseDown = false;
        try
        {
            if (!part.Check(await load.WaitForProgressAsync(options.Agents * 2L, TimeSpan.FromSeconds(60)), "the load never got going"))
            {
                return;
            }
            var unavailableBefore = context.Ledger.ExpectedUnavailable;
            context.Ledger.OpenOutage();
            await postgres.StopFastAsync();
            databaseDown = true;
            var downAt = Stopwatch.GetTimestamp();
            Console.Error.WriteLine($"[chaos] PostgreSQL stopped; {load.Acknowledged} events acknowledged so far");

            var probe = RouteProbe.Start(context, load.Jobs.First());
            var health = await HealthProbe.SampleAsync(context.Client.Http, options.ApiUrl, TimeSpan.FromSeconds(options.OutageSeconds), cancellationToken);
            await probe.StopAsync();
            context.Results.OutageRouteProbes = probe.Requests;
            part.Check(probe.Unanswered == 0, $"{probe.Unanswered} of {probe.Requests} requests to other routes got no answer during the outage");
            part.Check(probe.Unavailable > 0, $"none of {probe.Requests} requests to other routes got the 503 with Retry-After during the outage");
            var acknowledgedWhileDown = load.Acknowledged;
            await postgres.StartAsync();
            databaseDown = false;
            context.Results.OutageSeconds = (int)Math.Round(Stopwatch.GetElapsedTime(downAt).TotalSeconds);
            var upAt = Stopwatch.GetTimestamp();
            Console.Error.WriteLine($"[chaos] PostgreSQL started again after {Stopwatch.GetElapsedTime(downAt).TotalSeconds:0.0} s");

            var healthy = await HealthProbe.WaitOkAsync(context.Client.Http, options.ApiUrl, TimeSpan.FromSeconds(60), cancellationToken);
            context.Results.OutageRecoverySeconds = Math.Round(Stopwatch.GetElapsedTime(upAt).TotalSeconds, 2);
            part.Check(healthy, "/health did not answer 200 within 60 s of PostgreSQL starting again");
            var resumed = await load.WaitForProgressAsync(options.Agents, TimeSpan.FromSeconds(60));
            part.Check(resumed, "ingest did not resume within 60 s of PostgreSQL starting again");
            context.Ledger.CloseOutage();

            var health503 = health.Count(status => status == 503);
            context.Results.OutageHealth503 = health503;
            context.Results.Outage503 = context.Ledger.ExpectedUnavailable - unavailableBefore;
            part.Check(health.Count > 0 && health503 == health.Count,
                $"/health during the outage answered [{string.Join(", ", health.Distinct())}] instead of only 503");
            part.Check(context.Results.Outage503 > 0, "no request got the 503 with Retry-After while the database was down");
            part.Check(context.Catalog.Pid == pid && !context.Catalog.HasExited, "the catalog process did not survive the outage");
            Console.Error.WriteLine($"[chaos] recovered {context.Results.OutageRecoverySeconds:0.00} s after PostgreSQL started; " +
                $"{context.Results.Outage503} proper 503s, {acknowledgedWhileDown} acknowledged by then");
            await ColdStartCheck.RunAsync(context, postgres, load, part, cancellationToken);
        }
        finally
        {
            context.Ledger.CloseOutage();
            if (databaseDown)
            {
                await postgres.StartAsync();
            }
            await LoadVerdict.CheckAsync(context, load, part, cancellationToken);
        }
    }
}
