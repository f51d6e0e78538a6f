using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Identifiers;

/// <summary>
/// The byte-exact Python text forms that python-datacatalog hashes: canonical <c>json.dumps</c>, <c>repr</c>/<c>str</c>,
/// and a <c>json.loads</c>-compatible parser that keeps integer and float kinds apart.
/// </summary>
public static class PythonJson
{
    /// <summary>
    /// <c>json.dumps(x, sort_keys=True, separators=(',', ':'))</c>: keys in code-point order, ASCII-only output, floats as
    /// Python's repr (<c>100.0</c>, <c>1e+16</c>), integers in full precision.
    /// </summary>
    /// <exception cref="ArgumentException">The token holds something that is not a JSON value (a date, a GUID...).</exception>
    public static string Dumps(JToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return CanonicalJsonWriter.Write(token);
    }

    /// <summary>Python 3 <c>repr()</c> of a JSON-shaped value: <c>{'k': [1, 2.0, None, True]}</c>; dicts keep their order.</summary>
    public static string Repr(JToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return PythonRepr.Of(token);
    }

    /// <summary>Python 3 <c>repr()</c> of a list of strings: <c>['a', 'b']</c>, <c>[]</c> when empty.</summary>
    public static string Repr(IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return PythonRepr.Of(items);
    }

    /// <summary>Python 3 <c>repr()</c> of a string: <c>'it'</c>, or <c>"it's"</c> when only single quotes occur.</summary>
    public static string Repr(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return PythonRepr.Of(text);
    }

    /// <summary>
    /// Parses JSON as Python's <c>json.loads</c> does. Integers become long or BigInteger tokens, numbers with a fraction
    /// or exponent become double tokens (<c>1.0</c> and <c>-0.0</c> stay floats), <c>NaN</c>/<c>Infinity</c> are accepted,
    /// strings are never turned into dates, a repeated key keeps the last value.
    /// </summary>
    /// <exception cref="JsonReaderException">The text is not one JSON value (Python would raise JSONDecodeError).</exception>
    public static JToken Parse(string json) => StrictJsonParser.Parse(json);
}
