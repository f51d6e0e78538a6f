using System.Collections.Concurrent;
using Catalog.Tests.Fixtures;
using Catalog.Tests.Http;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.PythonClient;

/// <summary>
/// The installed Python client against the real catalog on a real port: a job's whole life, and its events through a
/// proxy that answers 503, drops connections after the catalog recorded the event, and stalls past the timeout.
/// </summary>
[Trait("Category", "Database")]
public sealed class PythonClientLiveTests(LiveCatalogFixture catalog, InstalledClient client)
    : IClassFixture<LiveCatalogFixture>, IClassFixture<InstalledClient>
{
    private static readonly TimeSpan _limit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Given_the_installed_client_when_a_job_lives_its_whole_life_then_the_catalog_holds_each_step()
    {
        var nonce = Guid.NewGuid().ToString("N");
        var run = await Python.RunAsync(client.Python,
            [Python.Script("whole_life.py"), catalog.BaseAddress.ToString().TrimEnd('/'), LiveCatalogFixture.AgentKey, catalog.StorageRoot, nonce],
            client.WorkFolder, _limit);
        Assert.True(run.ExitCode == 0, run.Describe());
        var result = run.LastJson();

        Assert.StartsWith(client.VenvFolder, (string)result["module"]!, StringComparison.Ordinal);
        var uuid = (string)result["job"]!;
        Assert.Equal((string)result["pipeline"]!, (string)result["pipeline_again"]!);
        Assert.Equal("CREATED", (string)result["created_state"]!);
        Assert.Equal("FINISHED", (string)result["state"]!);
        Assert.True((bool)result["attached_again"]!);
        Assert.Equal(uuid, (string)result["same_uuid"]!);
        Assert.Contains(uuid, result["listed"]!.Values<string>());

        var refusal = (JObject)result["refusal"]!;
        Assert.Equal(409, (int)refusal["status"]!);
        Assert.Equal("RUNNING", (string)refusal["state"]!);
        Assert.Contains("finish", refusal["allowed_events"]!.Values<string>());
        Assert.DoesNotContain("indexed", refusal["allowed_events"]!.Values<string>());
        Assert.Contains("not allowed", (string)refusal["message"]!, StringComparison.Ordinal);

        var (_, job) = await catalog.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}");
        Assert.Equal("FINISHED", (string)job["state"]!);
        Assert.Equal("indexed", (string)job["last_event"]!);
        Assert.Equal(0.5, (double)job["data"]!["alpha"]!);
        Assert.Equal(1, (int)job["data"]!["replicate"]!);
        Assert.Equal(120000, (long)job["measurements"]!["events"]!);
        Assert.Equal(0.82, (double)job["measurements"]!["gated_fraction"]!);
        Assert.Equal("cytometer-3", (string)job["measurements"]!["instrument"]!);
        Assert.Equal(["qc", "whole-life"], job["tags"]!.Values<string>());
        Assert.Equal("tacc", (string)job["labels"]!["lab"]!);
        Assert.Equal("gated with the default strategy", (string)job["notes"]!);

        var (_, stream) = await catalog.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}/events");
        var names = stream.Select(e => (string)e["name"]!).Where(n => n != "files_indexed").ToList();
        Assert.Equal(["create", "run", "update", "measure", "measure", "tag", "annotate", "finish", "index", "indexed"], names);
        Assert.Equal((long)job["version"]!, stream.Count());
        Assert.Equal((long)job["version"]!, (long)result["version"]!);

        var archive = (string)job["archive_path"]!;
        var (_, files) = await catalog.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}/files");
        var paths = files["items"]!.Select(f => (string)f["name"]!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([archive + "/gated.csv", archive + "/plots/summary.csv"], paths);
        Assert.Equal(paths, result["indexed_files"]!.Select(f => (string)f!).ToList());
        Assert.Equal(2, (int)result["indexed_count"]!);
    }

    [Fact]
    public async Task Given_503s_dropped_answers_and_a_stall_when_the_client_sends_events_then_each_is_recorded_once()
    {
        var attempts = new ConcurrentDictionary<string, int>();
        var firstTry = new Dictionary<string, ProxyAction>
        {
            ["run"] = ProxyAction.Unavailable,
            ["update"] = ProxyAction.ForwardThenClose,
            ["measure"] = ProxyAction.ForwardThenReset,
            ["finish"] = ProxyAction.ForwardThenStall,
        };
        await using var proxy = new FlakyProxy(catalog.BaseAddress, (method, target, body) =>
        {
            if (method != "POST" || !target.EndsWith("/events", StringComparison.Ordinal) || body?["name"] is not { } name)
            {
                return ProxyAction.Forward;
            }
            var attempt = attempts.AddOrUpdate((string)name!, 1, (_, n) => n + 1);
            return attempt == 1 && firstTry.TryGetValue((string)name!, out var action) ? action : ProxyAction.Forward;
        });
        var closed = $"http://127.0.0.1:{Checkout.FreePort()}";

        var run = await Python.RunAsync(client.Python,
            [Python.Script("retries.py"), proxy.Address.ToString().TrimEnd('/'), LiveCatalogFixture.AgentKey, Guid.NewGuid().ToString("N")[..12], closed],
            client.WorkFolder, _limit);
        Assert.True(run.ExitCode == 0, run.Describe());
        var result = run.LastJson();
        var uuid = (string)result["job"]!;

        // The catalog's own record: each event exactly once, in order.
        var (_, stream) = await catalog.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}/events");
        Assert.Equal(["create", "run", "update", "measure", "finish"], stream.Select(e => (string)e["name"]!).ToList());
        Assert.Equal("FINISHED", (string)result["state"]!);
        Assert.Equal(5, (int)result["version"]!);
        Assert.Equal(new JObject { ["run"] = 2, ["update"] = 3, ["measure"] = 4, ["finish"] = 5 }, result["answers"]);

        // What the proxy saw: each broken event tried twice with one event_id; the 503's Retry-After waited for.
        var events = proxy.Requests.Where(r => r.Target.EndsWith("/events", StringComparison.Ordinal)).ToList();
        foreach (var (name, action) in firstTry)
        {
            var tries = events.Where(r => (string?)r.Json?["name"] == name).OrderBy(r => r.At).ToList();
            Assert.Equal(2, tries.Count);
            Assert.Equal(action, tries[0].Action);
            Assert.Equal(ProxyAction.Forward, tries[1].Action);
            var ids = tries.Select(r => (string?)r.Json?["event_id"]).Distinct().ToList();
            Assert.True(ids is [{ Length: > 0 }], $"{name} was sent with event_ids {string.Join(", ", ids)}");
        }
        var runs = events.Where(r => (string?)r.Json?["name"] == "run").OrderBy(r => r.At).ToList();
        Assert.True(runs[1].At - runs[0].At >= TimeSpan.FromSeconds(0.9), $"the retry after Retry-After: 1 came {(runs[1].At - runs[0].At).TotalSeconds} s later");
        Assert.Equal(4, events.Select(r => (string?)r.Json?["event_id"]).Distinct().Count());

        var down = (JObject)result["down"]!;
        Assert.Contains(closed, (string)down["message"]!, StringComparison.Ordinal);
        Assert.Contains("connection refused", (string)down["message"]!, StringComparison.Ordinal);
        Assert.Equal(2, (int)down["attempts"]!);
    }
}
