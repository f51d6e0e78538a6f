using System.Text;
using CsCheck;

namespace Catalog.Attacks;

/// <summary>Odd query strings and path segments: the route's own parameters with hostile values, unknown ones, bad escapes.</summary>
internal static class HostileQuery
{
    /// <summary>Kept under Kestrel's 8 KiB request line, which the server answers before the catalog sees anything.</summary>
    private const int MaxValue = 1500;

    private static readonly Gen<string> OddValue = Gen.Frequency(
        (3, Gen.OneOf("", "-1", "0", "1", "1000", "1001", "99999999999999999999", "1e3", "0x10", "abc", "true", "TRUE", "maybe",
            "null", "both", "upstream", "sideways", "21", "20", "-0", "2026-11-24T01:02:03.456Z", "2026-13-45", "yesterday", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999+00:00",
            "CREATED", "created", "NOT_A_STATE", "measurement.tacc.0xDEADBEEF", "eyJ4IjoxfQ", "AAAA", "!!!!", "%", "[]", "{}")),
        (2, HostileText.Any.Select(s => s.Length > MaxValue ? s[..MaxValue] : s)));

    public static Gen<string> For(params string[] names)
    {
        var pair = Gen.Frequency(
            (4, Gen.OneOf(names.Length == 0 ? ["limit"] : names)),
            (1, Gen.OneOf("token", "uuid", "include_deleted", "after", "", "a[b]", "__proto__", "limit")))
            .Select(OddValue, (name, value) => Encode(name) + "=" + Encode(value));
        return Gen.Frequency(
            (2, Gen.Const("")),
            (6, pair.Array[1, 4].Select(pairs => "?" + string.Join('&', pairs))),
            (1, Gen.OneOf("?", "?&&&=", "?%zz", "?limit", "?limit=1&limit=2&limit=3", "?%00=%00", "?token", "?a=%FF%FE",
                "?" + new string('&', 500), "?depth=1;drop", "?after=%2e%2e%2f")));
    }

    /// <summary>Percent-encodes the UTF-8 bytes (lone surrogates become U+FFFD, as any client would send them).</summary>
    public static string Encode(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                || b == '-' || b == '_' || b == '.' || b == '~')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    /// <summary>A hostile path segment: garbage, traversal, raw bad escapes; kept short enough for the request line.</summary>
    public static readonly Gen<string> BadSegment = Gen.Frequency(
        (4, HostileText.Any.Select(s => Encode(s.Length > MaxValue ? s[..MaxValue] : s))),
        (1, Gen.OneOf("%FF%FE", "%zz", "%2e%2e", "..%2f..%2f..%2fetc%2fpasswd", "%00", "a%2Fb", "%C0%AE%C0%AE", "%E2%80%AE")),
        (1, Gen.Const("")));
}
