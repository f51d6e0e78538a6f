using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Catalog.Bench;

/// <summary>
/// C concurrent agents, each creating jobs and posting every job's events in order (run, update ×5, finish, index,
/// indexed) through <c>POST /api/v1/jobs/{uuid}/events</c> with the job token, as pipeline agents do. Requests that
/// start in the warm-up are sent and checked but not measured. Events per second leave job creation out: they are
/// acknowledged events divided by the time agents spent posting events (creation is timed separately).
/// </summary>
internal static class IngestLoad
{
    private static readonly (string Name, byte[] Body)[] Plan = BuildPlan();

    public static int EventsPerJob => Plan.Length;

    public static async Task<IngestResult> RunAsync(CatalogClient client, string pipelineUuid, BenchOptions options,
        CancellationToken cancellationToken)
    {
        var runTag = Guid.NewGuid().ToString("N")[..12];
        var start = Stopwatch.GetTimestamp();
        var windowStart = start + (long)(options.WarmupSeconds * Stopwatch.Frequency);
        var deadline = windowStart + (long)options.IngestSeconds * Stopwatch.Frequency;
        var agents = await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(agent => Task.Run(
            () => RunAgentAsync(client, pipelineUuid, runTag, agent, windowStart, deadline, cancellationToken), cancellationToken)));

        var windowEnd = agents.Max(a => a.FinishedAt);
        var windowSeconds = Math.Max(1e-9, (windowEnd - windowStart) / (double)Stopwatch.Frequency);
        var events = Latency.Create();
        var creates = Latency.Create();
        var errorsByStatus = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var agent in agents)
        {
            events.Add(agent.Events);
            creates.Add(agent.Creates);
            foreach (var (key, count) in agent.ErrorsByStatus)
            {
                errorsByStatus[key] = errorsByStatus.GetValueOrDefault(key) + count;
            }
        }
        var windowEvents = agents.Sum(a => a.WindowEvents);
        var windowCreates = agents.Sum(a => a.WindowCreates);
        // The mean time an agent spent posting events: the window less the time it spent creating jobs.
        var eventSeconds = agents.Sum(a => a.WindowEventTicks) / (double)Stopwatch.Frequency / agents.Length;
        var tallies = agents.SelectMany(a => a.Jobs).ToArray();
        return new IngestResult(
            options.Concurrency,
            windowSeconds,
            windowEvents,
            windowCreates,
            eventSeconds > 0 ? windowEvents / eventSeconds : 0,
            windowEvents / windowSeconds,
            (windowEvents + windowCreates) / windowSeconds,
            Latency.Ms(events, 50), Latency.Ms(events, 90), Latency.Ms(events, 99), Latency.Ms(events, 99.9), Latency.MaxMs(events),
            Latency.Ms(creates, 50), Latency.Ms(creates, 99),
            agents.Sum(a => a.EventErrors + a.CreateErrors),
            errorsByStatus,
            tallies.Length,
            tallies.Sum(t => (long)t.Acknowledged),
            tallies);
    }

    private static async Task<AgentRun> RunAgentAsync(CatalogClient client, string pipelineUuid, string runTag, int agent,
        long windowStart, long deadline, CancellationToken cancellationToken)
    {
        var run = new AgentRun();
        for (var seq = 0; Stopwatch.GetTimestamp() < deadline; seq++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var createStart = Stopwatch.GetTimestamp();
            CreatedJob created;
            try
            {
                created = await client.CreateJobAsync(JobBody(pipelineUuid, runTag, agent, seq), cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                created = new CreatedJob(0, null, null);
            }
            var createEnd = Stopwatch.GetTimestamp();
            if (!created.Ok)
            {
                run.CreateErrors++;
                run.Error("create", created.Status);
                // A catalog that refuses every job would otherwise be hammered in a tight loop.
                await Task.Delay(10, cancellationToken);
                continue;
            }
            if (createStart >= windowStart)
            {
                Latency.Record(run.Creates, createStart, createEnd);
                run.WindowCreates += created.Status == 201 ? 1 : 0;
            }
            var acknowledged = 0;
            foreach (var (name, body) in Plan)
            {
                var eventStart = Stopwatch.GetTimestamp();
                if (eventStart >= deadline)
                {
                    break;
                }
                int status;
                try
                {
                    status = await client.PostEventAsync(created.Uuid!, created.Token!, body, cancellationToken);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    status = 0;
                }
                var eventEnd = Stopwatch.GetTimestamp();
                var inWindow = eventStart >= windowStart;
                if (inWindow)
                {
                    run.WindowEventTicks += eventEnd - eventStart;
                }
                if (status is >= 200 and < 300)
                {
                    acknowledged++;
                    if (inWindow)
                    {
                        Latency.Record(run.Events, eventStart, eventEnd);
                        run.WindowEvents++;
                    }
                }
                else
                {
                    run.EventErrors++;
                    run.Error(name, status);
                    // The job's state is now unknown to this agent (a timed-out event may still have landed): leave it.
                    break;
                }
            }
            run.Jobs.Add((created.Uuid!, acknowledged));
        }
        run.FinishedAt = Stopwatch.GetTimestamp();
        return run;
    }

    private static byte[] JobBody(string pipelineUuid, string runTag, int agent, int seq) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["pipeline_uuid"] = pipelineUuid,
        // A few hundred measurements, so jobs share parents as real runs do.
        ["child_of"] = new JsonArray($"measurement.tacc.0x{(agent * 7919 + seq) % 500:X4}"),
        ["archive_system"] = "data-sd2e-community",
        ["data"] = new JsonObject
        {
            ["bench_run"] = runTag,
            ["agent"] = agent,
            ["seq"] = seq,
            ["parameters"] = new JsonObject { ["threshold"] = 0.5, ["mode"] = "fast", ["replicates"] = 3 },
        },
    }.ToJsonString());

    private static (string, byte[])[] BuildPlan()
    {
        var plan = new List<(string, JsonObject)>
        {
            ("run", new JsonObject { ["launched_by"] = "bench-agent", ["host"] = "c455-011" }),
        };
        for (var step = 1; step <= 5; step++)
        {
            plan.Add(("update", new JsonObject
            {
                ["progress"] = step * 20,
                ["message"] = string.Create(CultureInfo.InvariantCulture, $"step {step} of 5 done"),
            }));
        }
        plan.Add(("finish", new JsonObject { ["exit_code"] = 0, ["elapsed_s"] = 12.5 }));
        plan.Add(("index", new JsonObject()));
        plan.Add(("indexed", new JsonObject { ["note"] = "outputs indexed by the agent" }));
        return plan.Select(p => (p.Item1, Encoding.UTF8.GetBytes(new JsonObject { ["name"] = p.Item1, ["data"] = p.Item2 }.ToJsonString())))
            .ToArray();
    }
}
