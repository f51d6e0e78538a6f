using System.Reflection;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Jobs;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Newtonsoft.Json.Linq;
using Wolverine.Http;

namespace Catalog.Webhooks.Compat;

/// <summary>What a call to the compatibility webhook records: the event for the job, and what the answer adds.</summary>
public sealed record CompatCall(JobUuid Job, JobEventMessage Message, JObject? Note) : IFromStep, IEndpointMetadataProvider
{
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) => ApiDocs.Add(builder,
        new RequestBodyDoc(typeof(CompatEventMessageShape), false,
            "An event message, an Aloe job record (appId, executionSystem, owner, archivePath, archiveSystem, status, tenantId, tenantQueue), or nothing."),
        ParameterDoc.TypedUuid("uuid", ParameterSource.Query, "107", "The job UUID (prefix 107); required unless an event message body names it.",
            "10776b2c-37b1-5b65-9b2a-d686d198a0fe"),
        new ParameterDoc("event", ParameterSource.Query, "The event name; wins over `status`.") { Shape = typeof(JobEventNameShape) },
        new ParameterDoc("status", ParameterSource.Query,
            "An Agave/Aloe status (alias `state`), mapped to an event by python-datacatalog's table; unknown statuses become `update` and the answer says so (`mapped_from`).")
        {
            Example = "RUNNING",
        },
        new ParameterDoc("note", ParameterSource.Query, "Recorded as `{\"note\": ...}` when the body carries no data."));
}

public static class CompatWebhookEndpoint
{
    /// <summary>The body (any content type is read as JSON) with the URL's parameters, and the job they name.</summary>
    public static async Task<(CompatCall?, Results<BodyProblem, UnprocessableProblem>?)> LoadAsync(HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (json, problem) = await RequestBody.ReadAsync<AnyJson>(request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }
        var (message, detail, errors) = CompatMessage.Parse(json!.Value, CompatQuery.From(request.Query));
        if (message is null)
        {
            return (null, Problems.Unprocessable(detail, errors.Count > 0 ? errors : null));
        }
        var (job, badUuid) = JobUuid.Read(message.JobUuid);
        if (badUuid is not null)
        {
            return (null, badUuid);
        }
        // python-datacatalog's order: the body's token over the URL's (the header last). An Aloe record's own token
        // field is the Aloe job's, not the catalog's.
        var token = message.Kind == CompatMessageKind.EventMessage ? TokenSources.InBody(json.Value) : null;
        var note = message.MappedFrom is { } status
            ? new JObject
            {
                ["mapped_from"] = status,
                ["note"] = $"'{status}' is not an Agave/Aloe job status the catalog knows; it was recorded as '{message.Name}', as python-datacatalog does.",
            }
            : null;
        return (new CompatCall(job!, message.ToEventMessage() with { Token = token }, note), null);
    }

    public static Task<(EventDelivery?, Results<AccessProblem, UnprocessableProblem, UnauthorizedProblem>?)> ValidateAsync(
        HttpContext context, CompatCall call) => JobEventHandling.AdmitAsync(context, call.Message, firstTokenWins: true);

    /// <summary>
    /// The callback existing agents and Aloe/Agave notifications post to (the job's <c>webhook</c>): an event message,
    /// an Aloe job record or no body at all, with <c>uuid</c>, <c>token</c>, <c>event</c>, <c>status</c> and <c>note</c>
    /// in the URL. Answers exactly as <c>POST /api/v1/jobs/{uuid}/events</c>.
    /// </summary>
    [WolverinePost("/api/v1/webhooks/jobs", OperationId = "compatWebhook")]
    [Tags("Job events (agents)")]
    [EndpointSummary("Compatibility webhook")]
    [EndpointDescription("The URL a job's `webhook` points to (python-datacatalog's jobs-manager callback). The body is an event message, an Aloe/Agave job notification, or nothing at all (then `?event=` or `?status=` names the event and data is `{\"note\": ...}`). Any content type is read as JSON. Answers exactly as `POST /api/v1/jobs/{uuid}/events`.")]
    public static Task<Results<JsonOk<EventAnswerShape>, ConflictProblem, UnprocessableProblem, UnauthorizedProblem, NotFoundProblem>> Post(
        CompatCall call, EventDelivery delivery, HttpContext context, JobService jobs, CancellationToken cancellationToken) =>
        JobEventHandling.HandleAsync(jobs, context, call.Job, call.Message, delivery, cancellationToken, call.Note);
}
