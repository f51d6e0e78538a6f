using System.Reflection;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Newtonsoft.Json.Linq;

namespace Catalog.Webhooks.Jobs;

/// <summary>What a route that records a job event reads besides the event: its delivery key and job token.</summary>
public sealed record EventDelivery(string? Key, string? Token) : IFromStep, IEndpointMetadataProvider
{
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ApiDocs.Add(builder, [SecurityDoc.JobTokenOrKey, .. ApiDocs.TokenParameters]);
        ApiDocs.Add(builder, new ParameterDoc("Idempotency-Key", ParameterSource.Header,
            "Replaces the body's `event_id` (at most 200 characters, no U+0000): a repeat with the same payload answers the first answer and appends nothing; with a different payload, 409.")
        {
            MaxLength = DeliveryKeys.MaxLength,
        });
    }
}

/// <summary>
/// The shared steps of every route that records a job event: who may send it and how it is delivered, then the job
/// service; <c>note</c> holds members added to a successful answer (the compatibility webhook's <c>mapped_from</c>).
/// </summary>
public static class JobEventHandling
{
    /// <summary>
    /// The key (a valid bearer key if any; an admin key for reset and ready), the delivery key (<c>event_id</c> or
    /// <c>Idempotency-Key</c>) and one job token.
    /// </summary>
    public static async Task<(EventDelivery? Delivery, Results<AccessProblem, UnprocessableProblem, UnauthorizedProblem>? Problem)> AdmitAsync(
        HttpContext context, JobEventMessage message, bool firstTokenWins)
    {
        if (await CatalogAccess.KeyProblemAsync(context) is { } invalidKey)
        {
            return (null, invalidKey);
        }
        var isAdminEvent = JobNames.TryParseEvent(message.Name, out var name) && name is JobEventName.Reset or JobEventName.Ready;
        if (isAdminEvent && await CatalogAccess.RequireAsync(context, CatalogPolicies.Admin) is { } denied)
        {
            return (null, denied);
        }
        var key = message.EventId ?? NonEmpty(context.Request.Headers["Idempotency-Key"].ToString());
        if (key is not null && DeliveryKeys.Problem(key) is { } problem)
        {
            return (null, Problems.Unprocessable($"Idempotency-Key: {problem}"));
        }
        var (token, conflicting) = TokenSources.Read(context.Request, message.Token, firstTokenWins);
        return conflicting ? (null, Problems.Unauthorized(Problems.TwoTokens)) : (new EventDelivery(key, token), null);
    }

    public static async Task<Results<JsonOk<EventAnswerShape>, ConflictProblem, UnprocessableProblem, UnauthorizedProblem, NotFoundProblem>> HandleAsync(
        JobService jobs, HttpContext context, JobUuid job, JobEventMessage message, EventDelivery delivery,
        CancellationToken cancellationToken, JObject? note = null)
    {
        // The token is checked on the state this node kept, with no read; the caller it gives is admitted only on that
        // token generation and incarnation, which the append confirms. A refusal on a kept state is checked on the stream.
        var (state, kept) = await jobs.PeekAsync(job.Value, cancellationToken);
        var (caller, unauthorized) = state.Exists ? await CatalogAccess.JobCallerAsync(context, state, delivery.Token) : (null, null);
        if (caller is null && kept)
        {
            state = await jobs.LoadAsync(job.Value, cancellationToken);
            (caller, unauthorized) = state.Exists ? await CatalogAccess.JobCallerAsync(context, state, delivery.Token) : (null, null);
        }
        if (!state.Exists)
        {
            return Problems.NotFound($"No job {job}.");
        }
        if (caller is null)
        {
            return unauthorized!;
        }
        var outcome = await jobs.HandleAsync(job.Value, new JobCommand.Send(message.Name, message.Data), caller, delivery.Key, cancellationToken);
        return JobAnswers.From<EventAnswerShape>(outcome, job.Value, note);
    }

    private static string? NonEmpty(string value) => value.Length == 0 ? null : value;
}
