using Catalog.Api.Operations;
using Catalog.Core.Identifiers;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Queries;

public static class GetPipelineEndpoint
{
    /// <summary>The longest pipeline id looked up.</summary>
    private const int MaxIdLength = 256;

    /// <summary>The pipeline document as registered, by UUID or by the id it was registered with.</summary>
    [WolverineGet("/api/v1/pipelines/{uuid}", OperationId = "getPipeline")]
    [Tags("Pipelines")]
    [EndpointSummary("Get a pipeline")]
    [EndpointDescription("The pipeline document as registered. `{uuid}` is the pipeline UUID (first three digits 106) or the `id` it was registered with, URL-encoded (`tacc%2Ffcs-qc%3A2`); an id that several pipelines were registered with (their components differ) is a 409 listing them. Open to read.")]
    [ReadsQuery]
    public static async Task<Results<JsonOk<PipelineShape>, NotFoundProblem, ConflictProblem, UnprocessableProblem>> Get(string uuid,
        CatalogDatabase database, CancellationToken cancellationToken)
    {
        var pipelines = new PipelineQueries(database.DataSource);
        if (TypedUuid.TryParse(uuid, out var parsed))
        {
            // A UUID of another kind (a job's, a file's) is a mistake worth naming, not an id nobody registered.
            if (UuidType.Classify(parsed) != UuidType.Pipeline)
            {
                return Problems.Unprocessable($"'{RequestText.Clip(uuid)}' is not a pipeline UUID (a UUID whose first three digits are 106).");
            }
            var document = await pipelines.GetAsync(parsed, cancellationToken);
            return document is null ? Problems.NotFound($"No pipeline {parsed}.") : new JsonOk<PipelineShape>(document);
        }
        var id = Uri.UnescapeDataString(uuid);
        if (id.Length is 0 or > MaxIdLength || StorableText.Problem(id) is not null)
        {
            return Problems.Unprocessable($"'{RequestText.Clip(uuid)}' is neither a pipeline UUID (first three digits 106) nor a pipeline id (1-{MaxIdLength} characters).");
        }
        var found = await pipelines.ByIdAsync(id, cancellationToken);
        return found.Count switch
        {
            0 => Problems.NotFound($"No pipeline has the id '{RequestText.Clip(id)}'."),
            1 => new JsonOk<PipelineShape>(found[0]),
            _ => Problems.Conflict($"Pipelines {string.Join(", ", found.Select(p => (string?)p["uuid"]))} were registered with the id '{RequestText.Clip(id)}'; ask for one by its UUID.",
                new Dictionary<string, object?> { ["pipelines"] = found.Select(p => (string?)p["uuid"]).ToArray() }),
        };
    }
}
