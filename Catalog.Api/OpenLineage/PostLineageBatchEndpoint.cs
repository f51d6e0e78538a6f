using System.Security.Claims;
using Catalog.Core.JobCommands;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Newtonsoft.Json.Linq;
using Npgsql;
using Wolverine.Http;

namespace Catalog.Api.OpenLineage;

public static class PostLineageBatchEndpoint
{
    public static Task<(OpenLineageBatchBody?, BodyProblem?)> LoadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync<OpenLineageBatchBody>(request, cancellationToken);

    /// <summary>Records a batch of OpenLineage events, each on its own: a bad event fails alone.</summary>
    [WolverinePost("/api/v1/lineage/batch", OperationId = "postOpenLineageBatch")]
    [Authorize(Policy = CatalogPolicies.Agent)]
    [Tags("OpenLineage")]
    [EndpointSummary("Record a batch of OpenLineage events")]
    [EndpointDescription("Agent or admin key. Each event is recorded as by POST /api/v1/lineage, in order, on its own; the answer is OpenLineage's batch answer: `status` success or partial_success, a `summary` of counts, and `failed_events` with each failed event's index, reason and whether sending it again may succeed (`retriable`: the database was unavailable). `events` says what was recorded of each event that succeeded.")]
    public static async Task<JsonOk<OpenLineageBatchShape>> Post(OpenLineageBatchBody body, ClaimsPrincipal user, OpenLineageIngest ingest,
        CancellationToken cancellationToken)
    {
        var actor = JobActor.Parse(user.Actor());
        var failed = new JArray();
        var recorded = new JArray();
        var retriable = 0;
        for (var i = 0; i < body.Events.Count; i++)
        {
            IngestResult result;
            try
            {
                result = await ingest.RecordAsync(body.Events[i], actor, cancellationToken);
            }
            catch (NpgsqlException) when (!cancellationToken.IsCancellationRequested)
            {
                // The database went away for this event: the sender may send it again; the others are still tried.
                result = IngestResult.Refused(["The database is unavailable; send the event again."], retriable: true);
            }
            if (result.Answer is { } answer)
            {
                recorded.Add(answer);
                continue;
            }
            retriable += result.Retriable ? 1 : 0;
            failed.Add(new JObject { ["index"] = i, ["reason"] = string.Join(" ", result.Problems), ["retriable"] = result.Retriable });
        }
        return new JsonOk<OpenLineageBatchShape>(new JObject
        {
            ["status"] = failed.Count == 0 ? "success" : "partial_success",
            ["summary"] = new JObject
            {
                ["received"] = body.Events.Count,
                ["successful"] = recorded.Count,
                ["failed"] = failed.Count,
                ["retriable"] = retriable,
                ["non_retriable"] = failed.Count - retriable,
            },
            ["failed_events"] = failed,
            ["events"] = recorded,
        });
    }
}
