using Catalog.Core.Indexing;
using Catalog.Core.Projections.Files;
using Catalog.Webhooks.Http;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.Files;

/// <summary>Turns an indexing outcome into the answer the contract names.</summary>
public static class IndexAnswers
{
    public static IResult From(IndexingOutcome outcome, string jobUuid)
    {
        switch (outcome.Kind)
        {
            case IndexingOutcomeKind.Indexed:
                var answer = (JObject)outcome.Job!.Result!.DeepClone();
                answer["count"] = outcome.Count;
                answer["files"] = new JArray(outcome.Files.Select(file => FileDocument.Of(file, [jobUuid], null)));
                if (outcome.Count > outcome.Files.Count)
                {
                    // Only so many files are listed here; all of them are in GET /api/v1/jobs/{uuid}/files.
                    answer["files_truncated"] = true;
                }
                return JobAnswers.Json(answer);
            case IndexingOutcomeKind.Invalid:
                return Problems.Unprocessable(outcome.Detail, outcome.Errors);
            case IndexingOutcomeKind.Interrupted:
                return Problems.Problem(StatusCodes.Status422UnprocessableEntity, "Indexing interrupted", outcome.Detail,
                    new Dictionary<string, object?> { ["state"] = "INDEXING", ["count"] = outcome.Count });
            case IndexingOutcomeKind.Unauthorized:
                return Problems.Unauthorized(
                    "The job token is missing or wrong: pass the token given at job creation (body 'token', '?token=' or 'X-Catalog-Token').");
            default:
                return outcome.Job is { } job ? JobAnswers.From(job, jobUuid) : Problems.NotFound(outcome.Detail);
        }
    }
}
