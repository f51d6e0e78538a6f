using System.Diagnostics;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Newtonsoft.Json.Linq;

namespace Catalog.Webhooks.Http;

/// <summary>Turns what the job service decided into the HTTP answer the contract names.</summary>
public static class JobAnswers
{
    /// <summary>The answer to a command on a job: its result (200), or why it was refused.</summary>
    public static Results<JsonOk<TShape>, ConflictProblem, UnprocessableProblem, UnauthorizedProblem, NotFoundProblem> From<TShape>(
        JobOutcome outcome, string jobUuid, JObject? note = null)
    {
        if (Succeeded(outcome))
        {
            return new JsonOk<TShape>(With(outcome.Result!, note));
        }
        return Refused(outcome, jobUuid).Result switch
        {
            ConflictProblem conflict => conflict,
            UnprocessableProblem unprocessable => unprocessable,
            UnauthorizedProblem unauthorized => unauthorized,
            NotFoundProblem notFound => notFound,
            var other => throw new UnreachableException($"Unexpected refusal {other}"),
        };
    }

    /// <summary>Whether the command was recorded, or had been (the same delivery, or nothing to change).</summary>
    public static bool Succeeded(JobOutcome outcome) =>
        outcome.Kind is JobOutcomeKind.Appended or JobOutcomeKind.Unchanged or JobOutcomeKind.Replayed;

    /// <summary>Why a command that did not succeed was refused.</summary>
    public static Results<ConflictProblem, UnprocessableProblem, UnauthorizedProblem, NotFoundProblem> Refused(JobOutcome outcome, string jobUuid) =>
        outcome.Kind switch
        {
            JobOutcomeKind.IdempotencyConflict => Problems.Conflict(
                "This event_id / Idempotency-Key was already used with a different payload."),
            JobOutcomeKind.Rejected when outcome.Rejection!.Kind == RejectionKind.UnknownEvent => new UnprocessableProblem(
                "Unknown event", outcome.Rejection.Message, StateOf(outcome.Rejection)),
            JobOutcomeKind.Rejected when outcome.Rejection!.Kind == RejectionKind.InvalidData => new UnprocessableProblem(
                "Invalid event data", outcome.Rejection.Message,
                new Dictionary<string, object?>(StateOf(outcome.Rejection)) { ["errors"] = outcome.Rejection.Errors }),
            JobOutcomeKind.Rejected when outcome.Rejection!.Kind == RejectionKind.UnmetDependencies => Problems.Conflict(
                outcome.Rejection.Message, new Dictionary<string, object?>(StateOf(outcome.Rejection))
                {
                    ["unmet_dependencies"] = outcome.Rejection.Unmet.Select(u => new Dictionary<string, object?>
                    {
                        ["job"] = u.Job, ["when"] = u.When, ["state"] = u.State, ["blocked"] = u.Blocked, ["group"] = u.Group,
                    }).ToArray(),
                    ["blocked"] = outcome.Rejection.Unmet.Any(u => u.Blocked),
                }),
            JobOutcomeKind.Rejected => Problems.Conflict(outcome.Rejection!.Message, StateOf(outcome.Rejection)),
            JobOutcomeKind.Unstorable => Unstorable(outcome),
            JobOutcomeKind.Unauthorized => Problems.Unauthorized(Problems.MissingToken),
            _ => Problems.NotFound(outcome.Rejection?.Message ?? $"No job {jobUuid}."),
        };

    /// <summary>A command whose content the database refused: nothing was recorded.</summary>
    public static UnprocessableProblem Unstorable(JobOutcome outcome) =>
        Problems.Unprocessable($"The request cannot be stored: {outcome.Problem}. Nothing was recorded.");

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
}
