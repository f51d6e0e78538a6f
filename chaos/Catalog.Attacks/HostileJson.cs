using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Catalog.Attacks;

/// <summary>CsCheck generators of hostile JSON: wrong-typed values, deep nesting, and bodies that are not JSON at all.</summary>
internal static class HostileJson
{
    /// <summary>Raw JSON text of a value of some type, nested at most a level deep (it may go into a JsonNode, whose
    /// reader stops at depth 64); numbers beyond double and long ranges included.</summary>
    public static readonly Gen<string> ShallowValue = Gen.Frequency(
        (3, HostileText.Any.Select(JsonString)),
        (1, Gen.OneOf("null", "true", "false", "0", "-0", "1.0", "1e400", "-1e400", "123456789012345678901234567890",
            "0.1e-999", "[]", "{}", "[null]", "{\"\":null}", "\"\"", "[[]]", "-9223372036854775809", "18446744073709551616")),
        (1, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture))));

    /// <summary>Raw JSON text of a value of some type, deep nesting included (for bodies assembled as text).</summary>
    public static readonly Gen<string> Value = Gen.Frequency((6, ShallowValue), (1, Gen.Int[1, 5000].Select(Nested)));

    /// <summary>Depth n of arrays or objects: a parser without a depth limit runs out of stack.</summary>
    public static string Nested(int depth) => depth % 2 == 0
        ? new string('[', depth) + new string(']', depth)
        : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    public static string JsonString(string text) => JsonValue.Create(text).ToJsonString();

    /// <summary>Byte sequences that are not a JSON document (or not UTF-8), built around a valid body.</summary>
    public static Gen<byte[]> Malformed(string validBody) => Gen.Frequency(
        (3, Gen.Int[0, Math.Max(0, validBody.Length - 1)].Select(n => Encoding.UTF8.GetBytes(validBody[..n]))),
        (2, Gen.OneOf("{", "[", "}", "\"", "{\"name\":", "{'name':'run'}", "{\"name\":\"run\",}", "{\"name\":\"run\"} trailing",
            "{\"a\":1 /* comment */}", "\uFEFF{}", "NaN", "{\"data\":NaN}", "{\"data\":{\"x\":Infinity}}", "{\"name\":\"run\"\"x\":1}",
            "{\"name\":\"run\",\"name\":\"finish\"}", "{\"\\u0000\":1}", "{\"name\":\"\\ud800\"}", "null", "[]", "0", "\"run\"", "")
            .Select(Encoding.UTF8.GetBytes)),
        (2, Gen.Byte.Array[1, 200]),
        (1, Gen.Byte.Array[1, 50].Select(bytes => Encoding.UTF8.GetBytes(validBody).Concat(bytes).ToArray())),
        (1, Gen.Int[2, 6000].Select(n => Encoding.UTF8.GetBytes(Nested(n)))),
        (1, Gen.OneOf(new byte[] { 0xC3, 0x28 }, [0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80])
            .Select(bad => Encoding.UTF8.GetBytes("{\"name\":\"").Concat(bad).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray())));

    /// <summary>The valid object with one member replaced by a hostile value, removed, or joined by an unknown one.</summary>
    public static Gen<string> Mutated(JsonObject valid) => Gen.Frequency(
        (5, Gen.Int[0, Math.Max(0, valid.Count - 1)].Select(Value, (i, value) => Replace(valid, i, value))),
        (1, Gen.Int[0, Math.Max(0, valid.Count - 1)].Select(i => Remove(valid, i))),
        (1, HostileText.Any.Select(Value, (name, value) => Add(valid, name, value))));

    private static string Replace(JsonObject valid, int index, string value)
    {
        var parts = valid.Select((pair, i) => $"{JsonString(pair.Key)}:{(i == index ? value : pair.Value?.ToJsonString() ?? "null")}");
        return "{" + string.Join(',', parts) + "}";
    }

    private static string Remove(JsonObject valid, int index) =>
        "{" + string.Join(',', valid.Where((_, i) => i != index).Select(pair => $"{JsonString(pair.Key)}:{pair.Value?.ToJsonString() ?? "null"}")) + "}";

    private static string Add(JsonObject valid, string name, string value)
    {
        var text = valid.ToJsonString();
        return text.Length <= 2 ? $"{{{JsonString(name)}:{value}}}" : text[..^1] + $",{JsonString(name)}:{value}}}";
    }
}
