using System.Security.Claims;
using Catalog.Api.Operations;
using Catalog.Api.Queries;
using Catalog.Core.Identifiers;
using Catalog.Core.OpenLineage;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.OpenLineage;

public static class GetLineageEventsEndpoint
{
    /// <summary>A page of the OpenLineage log, oldest first, optionally of one run, job or name.</summary>
    [WolverineGet("/api/v1/lineage/events", OperationId = "listOpenLineageEvents")]
    [Tags("OpenLineage")]
    [EndpointSummary("OpenLineage events received")]
    [EndpointDescription("Every OpenLineage event received, as it came, oldest first: of one run (`run_id`), one catalog job (`job_uuid`), or one job or dataset (`namespace` and/or `name`). Open to read; facets that may carry environment variables or credentials are shown to admins only (replaced by a notice otherwise).")]
    [ReadsQuery("run_id", "job_uuid", "namespace", "name", "limit", "after")]
    public static async Task<Results<JsonOk<OpenLineageLogPageShape>, UnprocessableProblem>> Get(HttpRequest request, ClaimsPrincipal user,
        CatalogDatabase database, CancellationToken cancellationToken)
    {
        var query = request.Query;
        var errors = new List<string>();
        string? runId = null;
        if (!string.IsNullOrWhiteSpace(query["run_id"]))
        {
            runId = Guid.TryParse(query["run_id"].ToString().Trim(), out var id) ? id.ToString("D") : null;
            if (runId is null)
            {
                errors.Add("run_id: must be an OpenLineage run id (a UUID).");
            }
        }
        string? jobUuid = null;
        if (!string.IsNullOrWhiteSpace(query["job_uuid"]))
        {
            jobUuid = TypedUuid.TryParse(query["job_uuid"].ToString().Trim(), out var job) && UuidType.Classify(job) == UuidType.PipelineJob ? job : null;
            if (jobUuid is null)
            {
                errors.Add("job_uuid: must be a job UUID (first three digits 107).");
            }
        }
        var ns = Name(query["namespace"], "namespace", errors);
        var name = Name(query["name"], "name", errors);
        var (page, pageErrors) = QueryParameters.Page(query["limit"], query["after"], OpenLineageLog.List, timed: false);
        errors.AddRange(pageErrors);
        if (errors.Count > 0 || page is null)
        {
            return QueryAccess.Invalid(errors);
        }
        var events = await new OpenLineageLog(database.DataSource).ListAsync(new OpenLineageLogFilter(runId, jobUuid, ns, name), page,
            user.IsAdmin(), cancellationToken);
        return new JsonOk<OpenLineageLogPageShape>(events.ToJson());
    }

    private static string? Name(string? text, string field, List<string> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (text.Length > OpenLineageEvent.MaxNameLength || StorableText.Problem(text) is not null)
        {
            errors.Add($"{field}: at most {OpenLineageEvent.MaxNameLength} characters of storable text.");
            return null;
        }
        return text;
    }
}
