using Catalog.Core.Indexing;
using Catalog.Core.Projections.Files;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.Files;

/// <summary>Turns an indexing outcome into the answer the contract names.</summary>
public static class IndexAnswers
{
    public static Results<JsonOk<IndexAnswerShape>, ConflictProblem, UnprocessableProblem, UnauthorizedProblem, NotFoundProblem> From(
        IndexingOutcome outcome, string jobUuid)
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
                return new JsonOk<IndexAnswerShape>(answer);
            case IndexingOutcomeKind.Invalid:
                return Problems.Unprocessable(outcome.Detail, outcome.Errors);
            case IndexingOutcomeKind.Interrupted:
                return new UnprocessableProblem("Indexing interrupted", outcome.Detail,
                    new Dictionary<string, object?> { ["state"] = "INDEXING", ["count"] = outcome.Count });
            case IndexingOutcomeKind.Unauthorized:
                return Problems.Unauthorized(Problems.MissingToken);
            default:
                return outcome.Job is { } job ? JobAnswers.From<IndexAnswerShape>(job, jobUuid) : Problems.NotFound(outcome.Detail);
        }
    }
}
