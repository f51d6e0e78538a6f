using System.Globalization;
using System.Text;

namespace Catalog.Core.Identifiers;

// Python's repr(float): the shortest digits that round-trip, positional for decimal exponents -4..15 (keeping '.0' on
// integral values), otherwise d.ddde±XX.
internal static class PythonFloat
{
    public static string Repr(double value)
    {
        if (double.IsNaN(value))
        {
            return "nan";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "inf" : "-inf";
        }

        return Finite(value);
    }

    // json.dumps writes the JavaScript names for the non-finite values.
    public static string Json(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        return Finite(value);
    }

    private static string Finite(double value)
    {
        var negative = double.IsNegative(value);
        var (digits, exponent) = ShortestDigits(Math.Abs(value));
        var text = new StringBuilder();
        if (negative)
        {
            text.Append('-');
        }

        if (exponent < -4 || exponent >= 16)
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
            {
                text.Append('.').Append(digits, 1, digits.Length - 1);
            }

            text.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
            return text.ToString();
        }

        // The decimal point sits after the first (exponent + 1) digits.
        var point = exponent + 1;
        if (point <= 0)
        {
            text.Append("0.").Append('0', -point).Append(digits);
        }
        else if (point < digits.Length)
        {
            text.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        }
        else
        {
            text.Append(digits).Append('0', point - digits.Length).Append(".0");
        }

        return text.ToString();
    }

    // .NET's "R" is the shortest round-trip form since .NET Core 3.0; only its layout differs from Python's.
    // Returns significant digits without leading/trailing zeros ("0" for zero) and the decimal exponent of the first.
    private static (string Digits, int Exponent) ShortestDigits(double magnitude)
    {
        if (magnitude == 0)
        {
            return ("0", 0);
        }

        var r = magnitude.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }

        var dot = r.IndexOf('.');
        var integerPart = dot >= 0 ? r[..dot] : r;
        var fraction = dot >= 0 ? r[(dot + 1)..] : "";
        var all = integerPart + fraction;
        var firstNonZero = 0;
        while (all[firstNonZero] == '0')
        {
            firstNonZero++;
        }

        exponent += integerPart.Length - 1 - firstNonZero;
        return (all[firstNonZero..].TrimEnd('0'), exponent);
    }
}
