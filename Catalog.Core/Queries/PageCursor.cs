using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Catalog.Core.Identifiers;

namespace Catalog.Core.Queries;

/// <summary>
/// A keyset position: the sort key of the last item of a page, handed to clients as an opaque base64url token.
/// <see cref="Position"/> is microseconds since the Unix epoch for time-ordered lists (PostgreSQL's precision, so the
/// round trip is exact) or the row id for id-ordered ones; <see cref="Key"/> breaks ties between equal times (empty for
/// id-ordered lists). The list's name is part of
/// the token, so a cursor from one list is refused by another.
/// </summary>
public sealed record PageCursor(string List, long Position, string Key)
{
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The position of <paramref name="time"/> (a UTC instant) at microsecond precision.</summary>
    public static PageCursor At(string list, DateTime time, string key) =>
        new(list, (time.ToUniversalTime() - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond, key);

    /// <summary>The position read back as a UTC instant.</summary>
    public DateTime Time => DateTime.UnixEpoch.AddTicks(Position * TimeSpan.TicksPerMicrosecond);

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{List}|{Position.ToString(CultureInfo.InvariantCulture)}|{Key}"));

    /// <summary>Reads a token of <paramref name="list"/>; false for anything this list did not hand out.</summary>
    public static bool TryDecode(string text, string list, bool timed, out PageCursor? cursor)
    {
        cursor = null;
        if (text.Length is 0 or > 512 || !Base64Url.IsValid(text))
        {
            return false;
        }
        string plain;
        try
        {
            plain = _strictUtf8.GetString(Base64Url.DecodeFromChars(text));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            return false;
        }
        var parts = plain.Split('|', 3);
        // The key goes to the database as text: one it cannot hold is as forged as a wrong list name.
        if (parts.Length != 3 || parts[0] != list || (parts[2].Length == 0) == timed || StorableText.Problem(parts[2]) is not null
            || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var position))
        {
            return false;
        }
        // Keeps Time inside DateTime's range, so a forged position cannot throw later.
        if (timed && (position < MinMicros || position > MaxMicros))
        {
            return false;
        }
        cursor = new PageCursor(list, position, parts[2]);
        return true;
    }

    private static long MinMicros => (DateTime.MinValue - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond + 1;

    private static long MaxMicros => (DateTime.MaxValue - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond - 1;
}
