using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Webhooks.Http;

/// <summary>Asks the catalog's authorization policies from inside a route, for checks that need the request's job or body.</summary>
public static class CatalogAccess
{
    /// <summary>How the request log names a caller admitted by the job's token (never the token itself).</summary>
    public const string JobTokenActor = "job-token";

    private const string RequestActorKey = "catalog.actor";

    /// <summary>Who made the request: the key's fingerprint, <c>job-token</c> when the job's token admitted it, or anonymous.</summary>
    public static string RequestActor(this HttpContext context) =>
        context.Items.TryGetValue(RequestActorKey, out var actor) && actor is string name ? name : context.User.Actor();

    /// <summary>Null when the caller passes <paramref name="policy"/>; else the 401 or 403 to answer.</summary>
    public static async Task<AccessProblem?> RequireAsync(HttpContext context, string policy)
    {
        if (await KeyFailureAsync(context) is { } invalid)
        {
            return AccessProblem.Unauthorized(invalid);
        }
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        if ((await authorization.AuthorizeAsync(context.User, policy)).Succeeded)
        {
            return null;
        }
        return context.User.Identity?.IsAuthenticated == true
            ? AccessProblem.Forbidden("This needs an admin key; an agent key is not enough.")
            : AccessProblem.Unauthorized("This needs an admin key: send 'Authorization: Bearer <key>'.");
    }

    /// <summary>A 401 when the request carries a bearer key that is not valid (on any route that looks at keys).</summary>
    public static async Task<UnauthorizedProblem?> KeyProblemAsync(HttpContext context) =>
        await KeyFailureAsync(context) is { } failure ? Problems.Unauthorized(failure) : null;

    private static async Task<string?> KeyFailureAsync(HttpContext context) =>
        (await context.AuthenticateAsync(ApiKeyAuthentication.SchemeName)).Failure?.Message;

    /// <summary>
    /// The job's current token or an admin key; the caller to decide for, or the 401. <paramref name="job"/> must exist.
    /// </summary>
    public static async Task<(JobCaller? Caller, UnauthorizedProblem? Problem)> JobCallerAsync(HttpContext context, JobState job, string? token)
    {
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        if ((await authorization.AuthorizeAsync(context.User, new JobAccess(job, token), CatalogPolicies.JobToken)).Succeeded)
        {
            if (context.User.IsAdmin())
            {
                return (JobCaller.AdminAs(JobActor.Parse(context.User.Actor())), null);
            }
            context.Items[RequestActorKey] = JobTokenActor;
            return (JobCaller.TokenHolder(job), null);
        }
        return (null, Problems.Unauthorized(Problems.MissingToken));
    }
}
