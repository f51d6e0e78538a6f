using Catalog.Core.JobCommands;
using Newtonsoft.Json.Linq;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Jobs;
using Microsoft.AspNetCore.Http;
using Wolverine.Http;

namespace Catalog.Webhooks.Compat;

public static class CompatWebhookEndpoint
{
    /// <summary>
    /// The callback existing agents and Aloe/Agave notifications post to (the job's <c>webhook</c>): an event message,
    /// an Aloe job record or no body at all, with <c>uuid</c>, <c>token</c>, <c>event</c>, <c>status</c> and <c>note</c>
    /// in the URL. Any content type is read as JSON. Answers exactly as <c>POST /api/v1/jobs/{uuid}/events</c>.
    /// </summary>
    [WolverinePost("/api/v1/webhooks/jobs")]
    public static async Task<IResult> Post(HttpRequest request, JobService jobs, CancellationToken cancellationToken)
    {
        var (json, problem) = await JsonBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var (message, detail, errors) = CompatMessage.Parse(json, CompatQuery.From(request.Query));
        if (message is null)
        {
            return Problems.Unprocessable(detail, errors.Count > 0 ? errors : null);
        }
        var (jobUuid, badUuid) = JobRequests.JobUuid(message.JobUuid);
        if (badUuid is not null)
        {
            return badUuid;
        }
        // python-datacatalog's order: the body's token over the URL's (the header last). An Aloe record's own token
        // field is the Aloe job's, not the catalog's.
        var body = message.Kind == CompatMessageKind.EventMessage ? json as JObject : null;
        var note = message.MappedFrom is { } status
            ? new JObject
            {
                ["mapped_from"] = status,
                ["note"] = $"'{status}' is not an Agave/Aloe job status the catalog knows; it was recorded as '{message.Name}', as python-datacatalog does.",
            }
            : null;
        return await JobEventHandling.HandleAsync(jobs, request.HttpContext, jobUuid!, message.ToEventMessage(),
            TokenSources.Read(request, body, firstWins: true), cancellationToken, note);
    }
}
