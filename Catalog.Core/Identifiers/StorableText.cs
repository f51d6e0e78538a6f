using System.Text;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Identifiers;

/// <summary>
/// Text the catalog can keep: PostgreSQL text and jsonb cannot hold U+0000, and a lone UTF-16 surrogate has no UTF-8
/// form (it would be refused, or stored as U+FFFD and so become another value). Requests carrying either are refused
/// at the edge, naming where the character is, before anything is hashed, decided or appended.
/// </summary>
public static class StorableText
{
    /// <summary>Null when <paramref name="text"/> can be stored as it is, else what is wrong with it.</summary>
    public static string? Problem(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return "must not contain the character U+0000";
            }
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "must be valid Unicode text (it holds a lone surrogate)";
            }
        }
        return null;
    }

    /// <summary>
    /// The first string value or property name in <paramref name="json"/> that cannot be stored, as the field's JSON
    /// path (<c>data.files[2]</c>; the document itself is <c>body</c>) and what is wrong; null when all can be stored.
    /// </summary>
    public static (string Field, string Problem)? FirstUnstorable(JToken json)
    {
        var pending = new Stack<JToken>();
        pending.Push(json);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JObject obj:
                    foreach (var property in obj.Properties().Reverse())
                    {
                        if (Problem(property.Name) is { } nameProblem)
                        {
                            return ($"a property name in {FieldOf(obj)}", nameProblem);
                        }
                        pending.Push(property.Value);
                    }
                    break;
                case JArray array:
                    for (var i = array.Count - 1; i >= 0; i--)
                    {
                        pending.Push(array[i]);
                    }
                    break;
                case JValue { Type: JTokenType.String, Value: string text } value when Problem(text) is { } textProblem:
                    return (FieldOf(value), textProblem);
            }
        }
        return null;
    }

    /// <summary>A field's JSON path with any character that cannot be shown escaped, so the answer itself is storable.</summary>
    private static string FieldOf(JToken token)
    {
        var path = token.Path;
        if (path.Length == 0)
        {
            return "body";
        }
        return Problem(path) is null ? path : Escaped(path);
    }

    private static string Escaped(string path)
    {
        var text = new StringBuilder(path.Length + 8);
        foreach (var c in path)
        {
            text.Append(c == '\0' || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c);
        }
        return text.ToString();
    }
}
