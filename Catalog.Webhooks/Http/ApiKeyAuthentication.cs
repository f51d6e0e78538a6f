using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Catalog.Webhooks.Http;

/// <summary>
/// The catalog's one authentication scheme: <c>Authorization: Bearer &lt;key&gt;</c> against the configured admin and
/// agent keys. A valid key signs the caller in with its role and an actor name for audit records (never the key); an
/// invalid one fails (401), no header leaves the caller anonymous. Challenges and refusals are problem+json.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeys keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "CatalogKey";
    public const string ActorClaim = "catalog_actor";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization.ToString();
        var role = keys.Resolve(authorization);
        if (role == CallerRole.Anonymous)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (role == CallerRole.Invalid)
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer key is not valid."));
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Role, role.ToString().ToLowerInvariant()), new Claim(ActorClaim, keys.Actor(role, authorization))], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await Context.AuthenticateAsync(SchemeName);
        await Problems.Unauthorized(result.Failure?.Message ?? "This route needs a key: send 'Authorization: Bearer <key>'.").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AccessProblem.Forbidden("This route needs an admin key; an agent key is not enough.").ExecuteAsync(Context);
}
