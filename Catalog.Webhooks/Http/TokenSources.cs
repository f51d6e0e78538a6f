using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Catalog.Webhooks.Http;

/// <summary>
/// Where a job token comes from: the body's <c>token</c>, the <c>token</c> query parameter, the <c>X-Catalog-Token</c>
/// header. Empty values (and the text <c>null</c>) count as absent, so one never hides another. Two different tokens
/// are refused (a <c>token</c> parameter given twice with two values too), except on the compatibility webhook, where
/// python-datacatalog's order holds: body over URL over header, and of repeated URL parameters the last (callback URLs
/// are built by appending).
/// </summary>
public static class TokenSources
{
    /// <summary>The token, or the conflict to refuse.</summary>
    public static (string? Token, bool Conflicting) Read(HttpRequest request, string? bodyToken, bool firstWins)
    {
        var query = request.Query["token"].Where(Given).ToArray();
        var given = new[] { bodyToken }
            .Concat(firstWins ? query.TakeLast(1) : query)
            .Concat(request.Headers["X-Catalog-Token"])
            .Where(Given).Select(value => value!).ToArray();
        if (given.Length == 0)
        {
            return (null, false);
        }
        return firstWins || given.All(value => value == given[0]) ? (given[0], false) : (null, true);
    }

    /// <summary>The body's <c>token</c> member when it is a string.</summary>
    public static string? InBody(JToken? body) => (body as JObject)?["token"] is { Type: JTokenType.String } token ? (string?)token : null;

    private static bool Given(string? value) => !string.IsNullOrEmpty(value) && value != "null";
}
