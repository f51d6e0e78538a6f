using System.Text.RegularExpressions;
using CsCheck;

namespace Catalog.Attacks;

/// <summary>
/// Text PostgreSQL cannot store, put into every string of a valid JSON body: each member name and each string value
/// gets a NUL and each kind of lone surrogate, written as JSON escapes (`\u0000`, `\ud800`, `\udc00`), at a drawn
/// place (the whole string, its start, its middle, its end).
/// </summary>
internal static partial class UnstorableText
{
    /// <summary>The escapes, as they appear in the JSON text; each is valid JSON and none is storable text.</summary>
    public static readonly string[] Escapes = [@"\u0000", @"\ud800", @"\udc00"];

    /// <summary>The same faults in a query value: the NUL percent-encoded, the surrogates as the bytes a lax encoder
    /// writes for them (no UTF-8 can carry a lone surrogate, so these stay hostile input without a promised answer).</summary>
    public const string QueryNul = "%00";

    public static readonly string[] QuerySurrogates = ["%ED%A0%80", "%ED%B0%80"];

    /// <summary>Where in the string the fault goes: 0 whole string, 1 start, 2 middle, 3 end.</summary>
    public static readonly Gen<int> Place = Gen.Int[0, 3];

    /// <summary>Every string token of <paramref name="json"/> (member names and values), each with the field it names:
    /// the member's own name, or for a value the member it belongs to.</summary>
    public static IEnumerable<(int Start, int Length, string Field)> Sites(string json)
    {
        var lastMember = "";
        foreach (Match token in StringToken().Matches(json))
        {
            var content = token.Groups[1];
            var isName = token.Index + token.Length < json.Length && json[token.Index + token.Length] == ':';
            if (isName)
            {
                lastMember = content.Value;
                yield return (content.Index, content.Length, content.Value + " (member name)");
            }
            else
            {
                yield return (content.Index, content.Length, lastMember);
            }
        }
    }

    /// <summary>The text with <paramref name="fault"/> put into the string at the site.</summary>
    public static string Inject(string text, int start, int length, string fault, int place)
    {
        var value = text.Substring(start, length);
        var poisoned = place switch
        {
            0 => fault,
            1 => fault + value,
            2 => value[..(value.Length / 2)] + fault + value[(value.Length / 2)..],
            _ => value + fault,
        };
        return text[..start] + poisoned + text[(start + length)..];
    }

    // The bodies are the run's own, so their strings hold no quote or backslash.
    [GeneratedRegex("\"([^\"\\\\]*)\"")]
    private static partial Regex StringToken();
}
