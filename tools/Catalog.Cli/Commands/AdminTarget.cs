using System.Text.Json.Nodes;
using Catalog.Cli.Http;
using Catalog.Cli.Output;

namespace Catalog.Cli.Commands;

/// <summary>The job an admin action is about, looked up first (also hidden ones) so the confirmation can name it.</summary>
internal sealed record AdminTarget(string Uuid, string Description)
{
    public static async Task<AdminTarget> FindAsync(Invocation invocation, string id)
    {
        var job = (await invocation.Client.GetAsync(Route.With($"api/v1/jobs/{Route.Segment(id)}", ("include_deleted", "true")),
            invocation.CancellationToken)).Body;
        var uuid = Json.Text(job, "uuid") ?? throw new ApiException(200, "the catalog's answer named no job UUID");
        var pipeline = await new PipelineNames(invocation.Client).NameAsync(Json.Text(job, "pipeline_uuid"), invocation.CancellationToken);
        var facts = new List<string> { $"pipeline {pipeline}" };
        if (job["names"] is JsonObject { Count: > 0 } names)
        {
            facts.Add("for " + string.Join(", ", names.Select(n => Json.Show(n.Value))));
        }
        facts.Add($"state {Json.Text(job, "state")}");
        if (job["deleted"]?.GetValue<bool>() == true)
        {
            facts.Add("hidden");
        }
        return new AdminTarget(uuid, $"job {uuid} ({string.Join(", ", facts)})");
    }
}
