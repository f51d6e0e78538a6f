using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Catalog.Webhooks.Http;

/// <summary>Turns what the job service decided into the HTTP answer the contract names.</summary>
public static class JobAnswers
{
    public static IResult From(JobOutcome outcome, string jobUuid, JObject? note = null) => outcome.Kind switch
    {
        JobOutcomeKind.Appended or JobOutcomeKind.Unchanged or JobOutcomeKind.Replayed => Json(With(outcome.Result!, note)),
        JobOutcomeKind.IdempotencyConflict => Problems.Conflict(
            "This event_id / Idempotency-Key was already used with a different payload."),
        JobOutcomeKind.Rejected when outcome.Rejection!.Kind == RejectionKind.UnknownEvent => Problems.Problem(
            StatusCodes.Status422UnprocessableEntity, "Unknown event", outcome.Rejection.Message, StateOf(outcome.Rejection)),
        JobOutcomeKind.Rejected => Problems.Conflict(outcome.Rejection!.Message, StateOf(outcome.Rejection)),
        JobOutcomeKind.Unstorable => Problems.Unprocessable(
            $"The request cannot be stored: {outcome.Problem}. Nothing was recorded."),
        JobOutcomeKind.Unauthorized => Problems.Unauthorized(
            "The job token is missing or wrong: pass the token given at job creation (body 'token', '?token=' or 'X-Catalog-Token')."),
        _ => Problems.NotFound(outcome.Rejection?.Message ?? $"No job {jobUuid}."),
    };

    private static JToken With(JToken answer, JObject? note)
    {
        if (note is null || answer is not JObject fields)
        {
            return answer;
        }
        var noted = (JObject)fields.DeepClone();
        noted.Merge(note);
        return noted;
    }

    private static Dictionary<string, object?> StateOf(JobRejection rejection) => new()
    {
        ["state"] = rejection.State?.Wire(),
        ["allowed_events"] = rejection.AllowedEvents,
    };

    /// <summary>JSON written by Json.NET, so numbers keep the form they were stored with.</summary>
    public static IResult Json(JToken body, int status = StatusCodes.Status200OK) =>
        Results.Content(body.ToString(Formatting.None), "application/json", null, status);
}
