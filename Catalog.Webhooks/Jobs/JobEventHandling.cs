using Catalog.Core.EventStore;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Microsoft.AspNetCore.Http;

namespace Catalog.Webhooks.Jobs;

/// <summary>The shared tail of every route that records a job event: who may send it, then the job service.</summary>
public static class JobEventHandling
{
    public static async Task<IResult> HandleAsync(JobService jobs, ApiKeys keys, HttpRequest request, string jobUuid,
        JobEventMessage message, string? token, CancellationToken cancellationToken)
    {
        var role = keys.Resolve(request.Headers.Authorization.ToString());
        if (role == CallerRole.Invalid)
        {
            return Problems.Unauthorized("The bearer key is not valid.");
        }
        var isAdminEvent = JobNames.TryParseEvent(message.Name, out var name) && name is JobEventName.Reset or JobEventName.Ready;
        if (isAdminEvent && Problems.RequireAdmin(role) is { } denied)
        {
            return denied;
        }
        var key = message.EventId ?? NonEmpty(request.Headers["Idempotency-Key"].ToString());
        if (key is not null && DeliveryKeys.Problem(key) is { } problem)
        {
            return Problems.Unprocessable($"Idempotency-Key: {problem}");
        }
        var outcome = await jobs.HandleAsync(jobUuid, new JobCommand.Send(message.Name, message.Data), role == CallerRole.Admin,
            token, key, cancellationToken);
        return JobAnswers.From(outcome, jobUuid);
    }

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;
}
