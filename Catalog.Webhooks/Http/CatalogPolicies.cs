using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Webhooks.Http;

/// <summary>
/// Who may do what, in one place: admin routes need an admin key, agent routes an agent or admin key, a job's own
/// routes its current token or an admin key (<see cref="JobTokenRequirement"/>). Reading is open.
/// </summary>
public static class CatalogPolicies
{
    public const string Admin = "admin";
    public const string Agent = "agent";
    public const string JobToken = "job_token";

    public static IServiceCollection AddCatalogAuthorization(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, JobTokenAuthorization>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Admin, policy => policy.RequireRole("admin"))
            .AddPolicy(Agent, policy => policy.RequireRole("admin", "agent"))
            .AddPolicy(JobToken, policy => policy.AddRequirements(new JobTokenRequirement()));
        return services;
    }

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole("admin");

    /// <summary>The actor recorded for what the caller does (role and key fingerprint).</summary>
    public static string Actor(this ClaimsPrincipal user) => user.FindFirstValue(ApiKeyAuthentication.ActorClaim) ?? "anonymous";
}
