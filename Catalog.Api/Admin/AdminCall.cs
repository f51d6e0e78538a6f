using Catalog.Webhooks.Http;

namespace Catalog.Api.Admin;

/// <summary>The first step of every admin route: an admin key, and the actor name recorded for what it does.</summary>
public static class AdminCall
{
    public static (string Actor, IResult? Problem) Check(HttpRequest request, ApiKeys keys)
    {
        var authorization = request.Headers.Authorization.ToString();
        var role = keys.Resolve(authorization);
        return (ApiKeys.Actor(role, authorization), Problems.RequireAdmin(role));
    }
}
