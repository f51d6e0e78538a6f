using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Catalog.Webhooks.Jobs;

/// <summary>
/// The shared tail of every route that records a job event: who may send it, then the job service; <c>note</c> holds
/// members added to a successful answer (the compatibility webhook's <c>mapped_from</c>).
/// </summary>
public static class JobEventHandling
{
    public static async Task<IResult> HandleAsync(JobService jobs, HttpContext context, string jobUuid, JobEventMessage message,
        (string? Token, bool Conflicting) token, CancellationToken cancellationToken, JObject? note = null)
    {
        if (await CatalogAccess.KeyProblemAsync(context) is { } invalidKey)
        {
            return invalidKey;
        }
        var isAdminEvent = JobNames.TryParseEvent(message.Name, out var name) && name is JobEventName.Reset or JobEventName.Ready;
        if (isAdminEvent && await CatalogAccess.RequireAsync(context, CatalogPolicies.Admin) is { } denied)
        {
            return denied;
        }
        var key = message.EventId ?? NonEmpty(context.Request.Headers["Idempotency-Key"].ToString());
        if (key is not null && DeliveryKeys.Problem(key) is { } problem)
        {
            return Problems.Unprocessable($"Idempotency-Key: {problem}");
        }
        if (token.Conflicting)
        {
            return Problems.Unauthorized("Two different job tokens were sent (body 'token', '?token=', 'X-Catalog-Token'); send one.");
        }
        // The token is checked on the state this node kept, with no read; the caller it gives is admitted only on that
        // token generation and incarnation, which the append confirms. A refusal on a kept state is checked on the stream.
        var (job, kept) = await jobs.PeekAsync(jobUuid, cancellationToken);
        var (caller, unauthorized) = job.Exists ? await CatalogAccess.JobCallerAsync(context, job, token.Token) : (null, null);
        if (caller is null && kept)
        {
            job = await jobs.LoadAsync(jobUuid, cancellationToken);
            (caller, unauthorized) = job.Exists ? await CatalogAccess.JobCallerAsync(context, job, token.Token) : (null, null);
        }
        if (!job.Exists)
        {
            return Problems.NotFound($"No job {jobUuid}.");
        }
        if (caller is null)
        {
            return unauthorized!;
        }
        var outcome = await jobs.HandleAsync(jobUuid, new JobCommand.Send(message.Name, message.Data), caller, key, cancellationToken);
        return JobAnswers.From(outcome, jobUuid, note);
    }

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;
}
