using Catalog.Tests.Http;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Cli;

/// <summary>Data the command-line tests read back, made through the HTTP API as agents make it.</summary>
internal sealed class CliSeed(HttpClient client)
{
    public async Task<(string Uuid, string Id, string Name)> PipelineAsync(string name)
    {
        var id = $"tacc/cli-{Guid.NewGuid():N}:1";
        var (_, pipeline) = await client.PostAsync("/api/v1/pipelines",
            $$"""{"id":"{{id}}","name":"{{name}}","components":[{"id":"a","image":"img:1"}]}""", LiveCatalogFixture.AgentKey);
        return ((string)pipeline["uuid"]!, id, name);
    }

    /// <summary>A job of the pipeline for a fresh measurement identifier, moved through <paramref name="events"/> with its token.</summary>
    public async Task<Job> JobAsync(string pipeline, string? extraFields = null, params string[] events)
    {
        var measurement = $"measurement.tacc.0x{Random.Shared.NextInt64(1L << 40):X}";
        var fields = extraFields is null ? "" : "," + extraFields;
        var (status, job) = await client.PostAsync("/api/v1/jobs",
            $$"""{"pipeline_uuid":"{{pipeline}}","measurement_id":"{{measurement}}","data":{"n":"{{Guid.NewGuid():N}}"}{{fields}}}""",
            LiveCatalogFixture.AgentKey);
        Assert.True((int)status is 200 or 201, job.ToString());
        var uuid = (string)job["uuid"]!;
        var token = (string)job["token"]!;
        foreach (var name in events)
        {
            var (sent, answer) = await client.PostAsync($"/api/v1/jobs/{uuid}/events", $$"""{"name":"{{name}}"}""",
                headers: new Dictionary<string, string> { ["X-Catalog-Token"] = token });
            Assert.True(sent == System.Net.HttpStatusCode.OK, answer.ToString());
        }
        return new Job(uuid, measurement, token);
    }

    public async Task<JObject> GetAsync(string path)
    {
        var (status, body) = await client.SendAsync(HttpMethod.Get, path, key: LiveCatalogFixture.AdminKey);
        Assert.True(status == System.Net.HttpStatusCode.OK, $"{path}: {(int)status} {body}");
        return (JObject)body;
    }

    public sealed record Job(string Uuid, string Measurement, string Token);
}
