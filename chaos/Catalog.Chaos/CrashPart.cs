using System.Diagnostics;

namespace Catalog.Chaos;

/// <summary>
/// Part 1: kill -9 the catalog under ingest load, start it again as build/run would, and repeat. The agents keep
/// sending throughout (retrying what went unanswered with the same event_id); afterwards every acknowledged event must
/// be stored exactly once and the projections must catch up and match the events. Every fifth kill (and the first)
/// follows a projection rebuild closely.
/// </summary>
internal static class CrashPart
{
    private static readonly string[] Projections = ["job_documents_v1", "lineage_v1", "files_v2"];

    public static async Task RunAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        var part = context.Results.Part("crash");
        var options = context.Options;
        var random = new Random(options.Seed);
        var load = AgentLoad.Start(context.Client, context.PipelineUuid, $"{context.Run}-crash", options.Agents);
        context.Results.LoadAgents = load.AgentCount;
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (!part.Check(await load.WaitForProgressAsync(options.Agents * 2L, TimeSpan.FromSeconds(60)), "the load never got going"))
            {
                return;
            }
            var slowestRestart = TimeSpan.Zero;
            for (var kill = 1; kill <= options.Kills; kill++)
            {
                if (kill % 5 == 1)
                {
                    // Some kills land in the middle of a projection rebuild, which must then finish after the restart.
                    var name = Projections[kill / 5 % Projections.Length];
                    var rebuild = await context.Client.SendAsync("crash", HttpMethod.Post, $"/api/v1/admin/projections/{name}/rebuild",
                        null, admin: true, cancellationToken);
                    part.Check(rebuild.Status == 202, $"starting a rebuild of {name} answered {rebuild.Status}: {rebuild.Body}");
                    await Task.Delay(random.Next(50, 400), cancellationToken);
                }
                else
                {
                    // A varying moment, so kills land in different phases of group commits and projection batches.
                    await Task.Delay(random.Next(600, 1800), cancellationToken);
                }
                await context.Catalog.KillAsync();
                context.Results.Kills = kill;
                context.Catalog = CatalogProcess.Start(options);
                var restart = await context.Catalog.WaitHealthyAsync(context.Client.Http, TimeSpan.FromSeconds(60), cancellationToken);
                slowestRestart = restart > slowestRestart ? restart : slowestRestart;
                Console.Error.WriteLine($"[chaos] kill {kill}/{options.Kills}: back in {restart.TotalSeconds:0.00} s, {load.Acknowledged} events acknowledged so far");
                if (!part.Check(await load.WaitForProgressAsync(options.Agents, TimeSpan.FromSeconds(60)),
                    $"ingest did not resume after kill {kill}"))
                {
                    break;
                }
            }
            context.Results.RestartMaxSeconds = Math.Round(slowestRestart.TotalSeconds, 2);
        }
        finally
        {
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            context.Results.LoadEventsPerSecond = Math.Round(load.Acknowledged / Math.Max(seconds, 1e-3), 1);
            await LoadVerdict.CheckAsync(context, load, part, cancellationToken);
        }
    }
}
