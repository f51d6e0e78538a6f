using System.Globalization;
using System.Text;

namespace Catalog.Core.Identifiers;

// Python's int(s, 16) for the 32-character strings uuid.UUID hands it: surrounding whitespace, a '+' sign (a '-' was
// already removed with the dashes), a 0x prefix, single underscores between digits and any Unicode decimal digit.
internal static class PythonHexInt
{
    public static bool TryParse(string s, out UInt128 value)
    {
        value = UInt128.Zero;
        var chars = new List<char>(s.Length);
        for (var i = 0; i < s.Length;)
        {
            var c = Ascii(PythonText.CodePointAt(s, ref i));
            if (c is null)
            {
                return false;
            }

            chars.Add(c.Value);
        }

        int start = 0, end = chars.Count;
        while (start < end && chars[start] == ' ')
        {
            start++;
        }

        while (end > start && chars[end - 1] == ' ')
        {
            end--;
        }

        if (start < end && chars[start] == '+')
        {
            start++;
        }

        // After a 0x prefix an underscore may come first ('0x_1f'); otherwise it must follow a digit.
        var underscoreAllowed = false;
        if (end - start >= 2 && chars[start] == '0' && chars[start + 1] is 'x' or 'X')
        {
            start += 2;
            underscoreAllowed = true;
        }

        var digits = 0;
        for (var i = start; i < end; i++)
        {
            var c = chars[i];
            if (c == '_')
            {
                if (!underscoreAllowed)
                {
                    return false;
                }

                underscoreAllowed = false;
                continue;
            }

            var digit = HexDigit(c);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)digit;
            digits++;
            underscoreAllowed = true;
        }

        var endsWithUnderscore = end > start && chars[end - 1] == '_';
        return digits > 0 && !endsWithUnderscore;
    }

    // Python first maps Unicode decimal digits to ASCII digits and Unicode whitespace to ' '; anything else non-ASCII fails.
    private static char? Ascii(int codePoint)
    {
        if (codePoint < 0x80)
        {
            return PythonText.IsSpace((char)codePoint) ? ' ' : (char)codePoint;
        }

        if (codePoint < 0x10000 && PythonText.IsSpace((char)codePoint))
        {
            return ' ';
        }

        if (!Rune.IsValid(codePoint))
        {
            return null;
        }

        var rune = new Rune(codePoint);
        return Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber
            ? (char)('0' + (int)Rune.GetNumericValue(rune))
            : null;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
