using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Microsoft.AspNetCore.Authorization;

namespace Catalog.Webhooks.Http;

/// <summary>A job's own routes: its current token (one comparison for events, the webhook and indexing) or an admin key.</summary>
public sealed class JobTokenRequirement : IAuthorizationRequirement;

/// <summary>The job a token is checked against, and the token the request carries (null when none).</summary>
public sealed record JobAccess(JobState Job, string? Token);

/// <summary>Checks <see cref="JobTokenRequirement"/> against a <see cref="JobAccess"/>.</summary>
public sealed class JobTokenAuthorization(JobTokenSecret secret) : AuthorizationHandler<JobTokenRequirement, JobAccess>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, JobTokenRequirement requirement, JobAccess access)
    {
        if (context.User.IsAdmin() || (await secret.TokensAsync(CancellationToken.None)).Verify(access.Job, access.Token))
        {
            context.Succeed(requirement);
        }
    }
}
