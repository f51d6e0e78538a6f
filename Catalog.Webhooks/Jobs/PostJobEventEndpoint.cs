using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Webhooks.Jobs;

public static class PostJobEventEndpoint
{
    public static (JobUuid?, UnprocessableProblem?) Before(string uuid) => JobUuid.Read(uuid);

    public static Task<(JobEventMessage?, BodyProblem?)> LoadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync<JobEventMessage>(request, cancellationToken);

    public static Task<(EventDelivery?, Results<AccessProblem, UnprocessableProblem, UnauthorizedProblem>?)> ValidateAsync(
        HttpContext context, JobEventMessage message) => JobEventHandling.AdmitAsync(context, message, firstTokenWins: false);

    /// <summary>An agent's state event for a job: needs the job's token (or an admin key); reset and ready need an admin key.</summary>
    [WolverinePost("/api/v1/jobs/{uuid}/events", OperationId = "sendJobEvent")]
    [Tags("Job events (agents)")]
    [EndpointSummary("Send a job event")]
    [EndpointDescription("Needs the job's token (body `token`, `?token=` or `X-Catalog-Token`) or an admin key; `reset` and `ready` need an admin key. Event names are case-insensitive.")]
    public static Task<Results<JsonOk<EventAnswerShape>, ConflictProblem, UnprocessableProblem, UnauthorizedProblem, NotFoundProblem>> Post(
        JobUuid job, JobEventMessage message, EventDelivery delivery, HttpContext context, JobService jobs, CancellationToken cancellationToken) =>
        JobEventHandling.HandleAsync(jobs, context, job, message, delivery, cancellationToken);
}
