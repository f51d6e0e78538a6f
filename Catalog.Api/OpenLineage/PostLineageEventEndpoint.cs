using System.Security.Claims;
using Catalog.Core.JobCommands;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Newtonsoft.Json.Linq;
using Wolverine.Http;

namespace Catalog.Api.OpenLineage;

public static class PostLineageEventEndpoint
{
    public static Task<(OpenLineageBody?, BodyProblem?)> LoadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync<OpenLineageBody>(request, cancellationToken);

    /// <summary>Records one OpenLineage event (201), or recognises one received before (200).</summary>
    [WolverinePost("/api/v1/lineage", OperationId = "postOpenLineageEvent")]
    [Authorize(Policy = CatalogPolicies.Agent)]
    [Tags("OpenLineage")]
    [EndpointSummary("Record an OpenLineage event")]
    [EndpointDescription("Agent or admin key; the endpoint OpenLineage clients post to (transport URL `<catalog>/api/v1/lineage`, the path Marquez uses). The event is checked against the OpenLineage 2-0-2 schema (422 naming each problem). A job `namespace/name` is registered as a pipeline (id `namespace/name`); a run is a job of it (created at its first event; `GET /api/v1/jobs?openlineage_run_id=`); START → run, RUNNING → update, COMPLETE → finish, FAIL → fail, ABORT → cancel, OTHER → update (a run first seen at COMPLETE or FAIL gets the run it implies); inputs are `acted_on` edges and outputs `generated_by` edges to dataset nodes (a dataset whose namespace is a storage system of the catalog, or `agave://<system>`, is the file at that path); the `parent` facet puts the job in a group of the parent run's children. Facets are kept on the job (`openlineage`), but those that may carry environment variables or credentials only in the OpenLineage log, shown to admins. Every event is kept in the OpenLineage log (GET /api/v1/lineage/events). The same event again records nothing new (200, `duplicate: true`); a late event of a run that is over moves nothing (`applied: false`).")]
    public static async Task<Results<JsonCreated<OpenLineageRecordedShape>, JsonOk<OpenLineageRecordedShape>, UnprocessableProblem>> Post(
        OpenLineageBody body, ClaimsPrincipal user, OpenLineageIngest ingest, CancellationToken cancellationToken)
    {
        var result = await ingest.RecordAsync(body.Event, JobActor.Parse(user.Actor()), cancellationToken);
        if (result.Answer is not { } answer)
        {
            return Problems.Unprocessable("The OpenLineage event cannot be recorded: " + string.Join(" ", result.Problems), result.Problems);
        }
        return (bool)answer["duplicate"]! ? new JsonOk<OpenLineageRecordedShape>(answer) : new JsonCreated<OpenLineageRecordedShape>(answer, Location(answer));
    }

    private static string Location(JObject answer) =>
        (string?)answer["job_uuid"] is { } job ? $"/api/v1/jobs/{job}"
        : (string?)answer["pipeline_uuid"] is { } pipeline ? $"/api/v1/pipelines/{pipeline}"
        : "/api/v1/lineage/events";
}
