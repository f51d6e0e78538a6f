using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Identifiers;

// Python 3 repr()/str() of the values JSON can hold: dicts keep insertion order, ', ' and ': ' separators.
internal static class PythonRepr
{
    public static string Of(JToken token)
    {
        var text = new StringBuilder();
        Write(token, text);
        return text.ToString();
    }

    public static string Of(IEnumerable<string> items)
    {
        var text = new StringBuilder("[");
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                text.Append(", ");
            }

            first = false;
            WriteString(item, text);
        }

        return text.Append(']').ToString();
    }

    public static string Of(string s)
    {
        var text = new StringBuilder();
        WriteString(s, text);
        return text.ToString();
    }

    private static void Write(JToken token, StringBuilder text)
    {
        switch (token)
        {
            case JObject obj:
                text.Append('{');
                var first = true;
                foreach (var property in obj.Properties())
                {
                    if (!first)
                    {
                        text.Append(", ");
                    }

                    first = false;
                    WriteString(property.Name, text);
                    text.Append(": ");
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
                        text.Append(", ");
                    }

                    Write(array[i], text);
                }

                text.Append(']');
                break;
            case JValue { Type: JTokenType.Null or JTokenType.Undefined }:
                text.Append("None");
                break;
            case JValue { Type: JTokenType.Boolean } value:
                text.Append((bool)value.Value! ? "True" : "False");
                break;
            case JValue { Type: JTokenType.Integer } value:
                text.Append(CanonicalJsonWriter.IntegerText(value.Value!));
                break;
            case JValue { Type: JTokenType.Float } value:
                text.Append(PythonFloat.Repr(CanonicalJsonWriter.ToDouble(value.Value!)));
                break;
            case JValue { Type: JTokenType.String } value:
                WriteString((string)value.Value!, text);
                break;
            default:
                throw new ArgumentException($"No Python repr for a {token.Type} token.", nameof(token));
        }
    }

    private static void WriteString(string s, StringBuilder text)
    {
        var quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        text.Append(quote);
        for (var i = 0; i < s.Length;)
        {
            var c = PythonText.CodePointAt(s, ref i);
            if (c == quote || c == '\\')
            {
                text.Append('\\').Append((char)c);
            }
            else if (c == '\t')
            {
                text.Append("\\t");
            }
            else if (c == '\n')
            {
                text.Append("\\n");
            }
            else if (c == '\r')
            {
                text.Append("\\r");
            }
            else if (c < ' ' || c == 0x7F)
            {
                text.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (c < 0x7F || IsPrintable(c))
            {
                text.Append(char.ConvertFromUtf32(c));
            }
            else
            {
                text.Append(c switch
                {
                    <= 0xFF => "\\x" + c.ToString("x2", CultureInfo.InvariantCulture),
                    <= 0xFFFF => "\\u" + c.ToString("x4", CultureInfo.InvariantCulture),
                    _ => "\\U" + c.ToString("x8", CultureInfo.InvariantCulture),
                });
            }
        }

        text.Append(quote);
    }

    // str.isprintable() for a non-ASCII code point: not a control, format, surrogate, private-use, unassigned or
    // separator character. Lone surrogates are not valid runes and land here as non-printable.
    private static bool IsPrintable(int codePoint)
    {
        if (!Rune.IsValid(codePoint))
        {
            return false;
        }

        return Rune.GetUnicodeCategory(new Rune(codePoint)) is not (UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator);
    }
}
