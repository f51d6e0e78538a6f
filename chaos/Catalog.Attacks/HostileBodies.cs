using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Catalog.Attacks;

/// <summary>
/// The members of each route's body, well-typed but filled with hostile text, and the ways a body can go wrong
/// around them (wrong types, malformed, deeply nested, over the 1 MiB limit, absent).
/// </summary>
internal static class HostileBodies
{
    public const int LimitBytes = 1_048_576;

    public static readonly Gen<string> EventName = Gen.Frequency(
        (6, Gen.OneOf("create", "run", "update", "resource", "fail", "finish", "index", "indexed", "validate", "validated",
            "reject", "finalize", "retire", "reset", "ready", "RUN", "Finish", "uPdAtE")),
        (2, HostileText.Any));

    public static readonly Gen<JsonNode?> Data = Gen.Frequency(
        (3, HostileText.Any.Select(HostileJson.ShallowValue, (key, value) => (JsonNode?)new JsonObject { [key] = JsonNode.Parse(value) })),
        (1, Gen.Const<JsonNode?>((JsonNode?)null)),
        (1, HostileText.Any.Select(s => (JsonNode?)JsonValue.Create(s))));

    public static readonly Gen<JsonNode?> Patterns = Gen.Frequency(
        (4, HostileText.CatastrophicRegex.Array[1, 3].Select(p => (JsonNode?)new JsonArray(p.Select(x => (JsonNode?)x).ToArray()))),
        (2, HostileText.Traversal.Array[1, 2].Select(p => (JsonNode?)new JsonArray(p.Select(x => (JsonNode?)x).ToArray()))),
        (1, Gen.OneOf(".fcs$", ".csv$", "summary\\.csv$", "").Select(p => (JsonNode?)new JsonArray(p))),
        (1, HostileText.Any.Select(p => (JsonNode?)new JsonArray(p))));

    public static readonly Gen<JsonNode?> Level = Gen.Frequency(
        (3, Gen.OneOf("0", "1", "2", "3", "Reference", "User", "Unknown").Select(l => (JsonNode?)l)),
        (1, Gen.OneOf("0", "1", "2", "3", "4", "-1", "1.5", "null", "true").Select(raw => JsonNode.Parse(raw))),
        (1, HostileText.Any.Select(l => (JsonNode?)l)));

    public static readonly Gen<JsonNode?> Filter = Gen.Select(Patterns, Level, HostileText.Any, Gen.Int[0, 3], (patterns, level, reference, shape) =>
        (JsonNode?)(shape switch
        {
            0 => new JsonObject { ["patterns"] = patterns, ["level"] = level },
            1 => new JsonObject { ["patterns"] = patterns, ["derived_from"] = new JsonArray(reference), ["derived_using"] = new JsonArray(reference) },
            2 => new JsonObject { ["filters"] = patterns, ["processing_level"] = level, ["fixity"] = true },
            _ => new JsonObject { ["patterns"] = patterns },
        }));

    /// <summary>Every way a body can go wrong around a valid object of the route.</summary>
    public static Gen<(byte[]? Body, string Attack)> Around(Gen<JsonObject> valid) => Gen.Frequency(
        (3, valid.Select(o => ((byte[]?)Encoding.UTF8.GetBytes(o.ToJsonString()), "hostile values"))),
        (5, valid.SelectMany(o => HostileJson.Mutated(o)).Select(s => ((byte[]?)Encoding.UTF8.GetBytes(s), "wrong types"))),
        (3, valid.SelectMany(o => HostileJson.Malformed(o.ToJsonString())).Select(b => ((byte[]?)b, "malformed JSON"))),
        (1, Gen.Int[500, 20_000].Select(n => ((byte[]?)Encoding.UTF8.GetBytes(HostileJson.Nested(n)), "deep nesting"))),
        (1, Gen.Int[LimitBytes - 64, LimitBytes + 200_000].Select(valid, (n, o) => ((byte[]?)Padded(o, n), "near or over 1 MiB"))),
        (1, Gen.Const(((byte[]?)null, "no body"))));

    /// <summary>The attacks of <see cref="Around"/>, each sent as a one-element batch (a JSON array).</summary>
    public static Gen<(byte[]? Body, string Attack)> InBatch(Gen<(byte[]? Body, string Attack)> around) => around.Select(b =>
        b.Body is null ? b : ((byte[]?)Encoding.UTF8.GetBytes("[" + Encoding.UTF8.GetString(b.Body) + "]"), b.Attack + " in a batch"));

    /// <summary>The valid object with a padding member so the whole body is <paramref name="size"/> bytes.</summary>
    private static byte[] Padded(JsonObject valid, int size)
    {
        var text = valid.ToJsonString();
        var prefix = text.Length <= 2 ? "{\"pad\":\"" : text[..^1] + ",\"pad\":\"";
        var padding = Math.Max(0, size - Encoding.UTF8.GetByteCount(prefix) - 2);
        return Encoding.UTF8.GetBytes(prefix + new string('p', padding) + "\"}");
    }
}
