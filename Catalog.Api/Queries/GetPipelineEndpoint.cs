using Catalog.Api.Operations;
using Catalog.Core.Identifiers;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Wolverine.Http;

namespace Catalog.Api.Queries;

public static class GetPipelineEndpoint
{
    /// <summary>The pipeline document as registered.</summary>
    [WolverineGet("/api/v1/pipelines/{uuid}")]
    public static async Task<IResult> Get(string uuid, CatalogDatabase database, CancellationToken cancellationToken)
    {
        if (!TypedUuid.TryParse(uuid, out var pipelineUuid) || UuidType.Classify(pipelineUuid) != UuidType.Pipeline)
        {
            return Problems.Unprocessable($"'{Clip(uuid)}' is not a pipeline UUID (a UUID whose first three digits are 106).");
        }
        var document = await new PipelineQueries(database.DataSource).GetAsync(pipelineUuid, cancellationToken);
        return document is null ? Problems.NotFound($"No pipeline {pipelineUuid}.") : JobAnswers.Json(document);
    }

    private static string Clip(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
