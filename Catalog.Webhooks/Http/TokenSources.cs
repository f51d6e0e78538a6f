using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Catalog.Webhooks.Http;

/// <summary>
/// Where a job token comes from: the body's <c>token</c>, the <c>token</c> query parameter, the <c>X-Catalog-Token</c>
/// header. Empty values (and the text <c>null</c>) count as absent, so one never hides another. Two different tokens
/// are refused, except on the compatibility webhook, where python-datacatalog's order holds: body over URL over header.
/// </summary>
public static class TokenSources
{
    /// <summary>The token, or the conflict to refuse.</summary>
    public static (string? Token, bool Conflicting) Read(HttpRequest request, JObject? body, bool firstWins)
    {
        var given = new[]
        {
            body?["token"] is { Type: JTokenType.String } token ? (string?)token : null,
            request.Query["token"].ToString(),
            request.Headers["X-Catalog-Token"].ToString(),
        }.Where(value => !string.IsNullOrEmpty(value) && value != "null").Select(value => value!).ToArray();
        if (given.Length == 0)
        {
            return (null, false);
        }
        return firstWins || given.All(value => value == given[0]) ? (given[0], false) : (null, true);
    }
}
