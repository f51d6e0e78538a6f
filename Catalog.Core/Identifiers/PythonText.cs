namespace Catalog.Core.Identifiers;

// Python's notion of whitespace and of string order, which differ from .NET's in small but hash-relevant ways.
internal static class PythonText
{
    // str.isspace(): bidi classes WS, B, S plus category Zs. Unlike char.IsWhiteSpace this includes U+001C..U+001F.
    public static bool IsSpace(char c) =>
        c is (>= '\t' and <= '\r') or (>= '\u001c' and <= ' ') or '\u0085' or '\u00a0' or '\u1680'
            or (>= '\u2000' and <= '\u200a') or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000';

    public static string Strip(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsSpace(s[start]))
        {
            start++;
        }

        while (end > start && IsSpace(s[end - 1]))
        {
            end--;
        }

        return s[start..end];
    }

    // Python compares str by code point; UTF-16 ordinal order puts astral characters below U+E000..U+FFFF.
    public static int CompareCodePoints(string? a, string? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? -1 : 1;
        }

        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var x = CodePointAt(a, ref i);
            var y = CodePointAt(b, ref j);
            if (x != y)
            {
                return x < y ? -1 : 1;
            }
        }

        return (a.Length - i).CompareTo(b.Length - j);
    }

    public static int CodePointCount(string s)
    {
        var count = 0;
        for (var i = 0; i < s.Length;)
        {
            CodePointAt(s, ref i);
            count++;
        }

        return count;
    }

    // A lone surrogate counts as its own code point, as in a Python str.
    public static int CodePointAt(string s, ref int index)
    {
        var c = s[index++];
        if (char.IsHighSurrogate(c) && index < s.Length && char.IsLowSurrogate(s[index]))
        {
            return char.ConvertToUtf32(c, s[index++]);
        }

        return c;
    }

    public static IComparer<string> CodePointComparer { get; } = Comparer<string>.Create(CompareCodePoints);
}
