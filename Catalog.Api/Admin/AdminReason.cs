using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;

namespace Catalog.Api.Admin;

/// <summary>
/// The optional <c>?reason=</c> of an admin route: why the admin acted, kept with the action's audit record (at most
/// 1,024 characters of storable text).
/// </summary>
public static class AdminReason
{
    public const string Parameter = "reason";

    public static (string? Reason, UnprocessableProblem? Problem) Read(HttpRequest request)
    {
        var values = request.Query[Parameter];
        if (values.Count == 0 || string.IsNullOrWhiteSpace(values[^1]))
        {
            return (null, null);
        }
        var reason = values[^1]!;
        return values.Count > 1 || reason.Length > JobEventData.MaxValueLength || StorableText.Problem(reason) is not null
            ? (null, Problems.Unprocessable($"reason must be given once, as at most {JobEventData.MaxValueLength} characters of storable text."))
            : (reason, null);
    }
}
