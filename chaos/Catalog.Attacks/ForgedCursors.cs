using System.Buffers.Text;
using System.Text;

namespace Catalog.Attacks;

/// <summary>
/// `?after=` values no list handed out: its own cursor with a NUL or a lone surrogate in it, a position past every
/// integer, another list's real cursor, a real cursor cut short, and garbage that looks like a cursor. The contract's
/// answer to each is 422 naming `after`.
/// </summary>
internal static class ForgedCursors
{
    /// <summary>The forgeries for a list whose real cursor is <paramref name="own"/>, given the other lists' cursors.</summary>
    public static IEnumerable<(string Attack, string Value)> For(string own, IEnumerable<string> others)
    {
        var (list, position, key) = Decode(own) ?? ("jobs", "123", "x");
        yield return ("own cursor with a NUL in its key", Encode($"{list}|{position}|{key}\0"));
        yield return ("own cursor with a NUL in its list name", Encode($"{list}\0|{position}|{key}"));
        yield return ("own cursor with a NUL as its key", Encode($"{list}|123|\0"));
        yield return ("own cursor with a lone surrogate in its key",
            Base64Url.EncodeToString([.. Encoding.UTF8.GetBytes($"{list}|{position}|"), 0xED, 0xA0, 0x80]));
        yield return ("a position past every integer", Encode($"{list}|9999999999999999999|x"));
        // A length of 4n+1 is never base64, so the cut cannot decode into another well-formed cursor.
        yield return ("cut short", own.Length > 5 ? own[..((own.Length - 2) / 4 * 4 + 1)] : own + "A");
        yield return ("garbage that looks like a cursor", "eyJ4IjoxfQ");
        yield return ("garbage list name", Encode($"garbage|1|x"));
        yield return ("NUL percent-encoded", "%00");
        foreach (var other in others.Where(o => o != own))
        {
            yield return ($"another list's cursor ({Decode(other)?.List ?? "?"})", other);
        }
    }

    public static string Encode(string plain) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(plain));

    private static (string List, string Position, string Key)? Decode(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('|', 3);
            return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
