using Catalog.Core.Identifiers;
using Catalog.Core.Lineage;
using Catalog.Webhooks.Http;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.Lineage;

/// <summary>What the one-hop lineage routes share: reading the node in the path and answering <c>{items: [...]}</c>.</summary>
public static class LineageAnswers
{
    /// <summary>The UUID of a typed UUID or canonical identifier, or a 422.</summary>
    public static (string? Uuid, IResult? Problem) Node(string text)
    {
        var errors = new List<string>();
        var uuid = LineageRequest.ResolveNode(text, errors);
        return uuid is null ? (null, Problems.Unprocessable(string.Join(" ", errors), errors)) : (uuid, null);
    }

    /// <summary>The lower-case UUID when it is a UUID of <paramref name="type"/>, or a 422 saying what one looks like.</summary>
    public static (string? Uuid, IResult? Problem) Typed(string text, UuidType type) =>
        TypedUuid.TryParse(text, out var uuid) && UuidType.Classify(uuid) == type
            ? (uuid, null)
            : (null, Problems.Unprocessable(
                $"'{JobRequests.Clip(text)}' is not a {type.Name} UUID (a UUID whose first three digits are {type.Prefix})."));

    public static IResult Items(IEnumerable<JObject> items) => JobAnswers.Json(new JObject { ["items"] = new JArray(items) });

    public static IResult Items(IEnumerable<LineageNode> nodes) => Items(nodes.Select(n => n.ToJson()));
}
