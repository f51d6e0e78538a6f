using System.Globalization;
using System.Numerics;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Identifiers;

// json.dumps(x, sort_keys=True, separators=(',', ':')) with the default ensure_ascii=True.
internal static class CanonicalJsonWriter
{
    public static string Write(JToken token)
    {
        var text = new StringBuilder();
        Write(token, text);
        return text.ToString();
    }

    private static void Write(JToken token, StringBuilder text)
    {
        switch (token)
        {
            case JObject obj:
                text.Append('{');
                var first = true;
                foreach (var property in obj.Properties().OrderBy(p => p.Name, PythonText.CodePointComparer))
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    WriteString(property.Name, text);
                    text.Append(':');
                    Write(property.Value, text);
                }

                text.Append('}');
                break;
            case JArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Write(array[i], text);
                }

                text.Append(']');
                break;
            case JValue value:
                WriteValue(value, text);
                break;
            default:
                throw new ArgumentException($"Cannot serialise a {token.Type} token as canonical JSON.", nameof(token));
        }
    }

    private static void WriteValue(JValue value, StringBuilder text)
    {
        // Json.NET gives a null string assigned to a property a String token holding null; it is JSON null.
        if (value.Value is null)
        {
            text.Append("null");
            return;
        }
        switch (value.Type)
        {
            case JTokenType.Null or JTokenType.Undefined:
                text.Append("null");
                break;
            case JTokenType.Boolean:
                text.Append((bool)value.Value! ? "true" : "false");
                break;
            case JTokenType.Integer:
                text.Append(IntegerText(value.Value!));
                break;
            case JTokenType.Float:
                text.Append(PythonFloat.Json(ToDouble(value.Value!)));
                break;
            case JTokenType.String:
                WriteString((string)value.Value!, text);
                break;
            default:
                // Python's json module raises TypeError for anything that is not a JSON type (dates, GUIDs, bytes...).
                throw new ArgumentException($"Cannot serialise a {value.Type} value as canonical JSON.", nameof(value));
        }
    }

    internal static string IntegerText(object value) => value switch
    {
        BigInteger big => big.ToString(CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"Unexpected integer representation {value.GetType()}."),
    };

    // Python has one float type, a double; single and decimal values are widened to it.
    internal static double ToDouble(object value) => value switch
    {
        double d => d,
        float f => f,
        decimal m => (double)m,
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
    };

    private static void WriteString(string s, StringBuilder text)
    {
        text.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                case >= ' ' and <= '~':
                    text.Append(c);
                    break;
                default:
                    // Includes DEL (0x7F): Python's ensure_ascii keeps only ' '..'~' literal. UTF-16 units are exactly
                    // the surrogate pairs Python writes for astral characters.
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }

        text.Append('"');
    }
}
