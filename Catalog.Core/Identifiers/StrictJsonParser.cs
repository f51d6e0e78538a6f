using System.Globalization;
using System.Numerics;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Identifiers;

// Python's json.loads grammar, building JTokens that keep the number kinds hashing depends on: integers stay integers
// (long or BigInteger), anything with a fraction or exponent is a double (so 1.0 and -0.0 survive). Unlike
// JsonTextReader it rejects what Python rejects: comments, single quotes, unquoted names, octal or hex numbers,
// trailing commas, raw control characters in strings.
internal sealed class StrictJsonParser
{
    private const int MaxDepth = 1000;
    private const string SimpleEscapes = "\"\\/bfnrt";
    private const string SimpleEscapeValues = "\"\\/\b\f\n\r\t";

    // Python 3.11+ refuses to convert integers longer than this; it also bounds the quadratic BigInteger parse.
    private const int MaxIntegerDigits = 4300;

    private static readonly (string Literal, Func<JValue> Make)[] _literals =
    [
        ("true", () => new JValue(true)),
        ("false", () => new JValue(false)),
        ("null", JValue.CreateNull),
        ("NaN", () => new JValue(double.NaN)),
        ("Infinity", () => new JValue(double.PositiveInfinity)),
    ];

    private readonly string _text;
    private int _position;

    private StrictJsonParser(string text)
    {
        _text = text;
    }

    public static JToken Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new StrictJsonParser(text);
        parser.SkipWhitespace();
        var value = parser.ParseValue(0);
        parser.SkipWhitespace();
        if (parser._position != text.Length)
        {
            throw parser.Error("Extra data");
        }

        return value;
    }

    private JToken ParseValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error("Nesting too deep");
        }

        if (_position >= _text.Length)
        {
            throw Error("Expecting value");
        }

        switch (_text[_position])
        {
            case '{':
                return ParseObject(depth);
            case '[':
                return ParseArray(depth);
            case '"':
                return new JValue(ParseString());
            case '-' or (>= '0' and <= '9'):
                return ParseNumber();
        }

        foreach (var (literal, make) in _literals)
        {
            if (TryLiteral(literal))
            {
                return make();
            }
        }

        throw Error("Expecting value");
    }

    private JObject ParseObject(int depth)
    {
        var obj = new JObject();
        _position++;
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            return obj;
        }

        while (true)
        {
            if (Peek() != '"')
            {
                throw Error("Expecting property name enclosed in double quotes");
            }

            var name = ParseString();
            SkipWhitespace();
            Expect(':', "Expecting ':' delimiter");
            SkipWhitespace();

            // A repeated name keeps its first position and takes the last value, as in a Python dict.
            obj[name] = ParseValue(depth + 1);
            SkipWhitespace();
            if (Peek() == '}')
            {
                _position++;
                return obj;
            }

            Expect(',', "Expecting ',' delimiter");
            SkipWhitespace();
        }
    }

    private JArray ParseArray(int depth)
    {
        var array = new JArray();
        _position++;
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            return array;
        }

        while (true)
        {
            array.Add(ParseValue(depth + 1));
            SkipWhitespace();
            if (Peek() == ']')
            {
                _position++;
                return array;
            }

            Expect(',', "Expecting ',' delimiter");
            SkipWhitespace();
        }
    }

    private string ParseString()
    {
        var start = _position++;
        var text = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                _position = start;
                throw Error("Unterminated string");
            }

            var c = _text[_position++];
            if (c == '"')
            {
                return text.ToString();
            }

            if (c < ' ')
            {
                _position--;
                throw Error("Invalid control character");
            }

            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            var escape = _position < _text.Length ? _text[_position++] : '\0';
            var simple = SimpleEscapes.IndexOf(escape);
            if (simple >= 0)
            {
                text.Append(SimpleEscapeValues[simple]);
            }
            else if (escape == 'u' && _position + 4 <= _text.Length && IsHex(_text.AsSpan(_position, 4)))
            {
                // Surrogate pairs need no joining: two \u escapes are already the UTF-16 pair.
                text.Append((char)ushort.Parse(_text.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                _position += 4;
            }
            else
            {
                _position--;
                throw Error("Invalid \\escape");
            }
        }
    }

    private JValue ParseNumber()
    {
        var start = _position;
        if (Peek() == '-')
        {
            _position++;
            if (TryLiteral("Infinity"))
            {
                return new JValue(double.NegativeInfinity);
            }
        }

        if (Peek() == '0')
        {
            _position++;
        }
        else if (Peek() is >= '1' and <= '9')
        {
            SkipDigits();
        }
        else
        {
            _position = start;
            throw Error("Expecting value");
        }

        var isFloat = false;
        if (Peek() == '.' && PeekAt(1) is >= '0' and <= '9')
        {
            _position++;
            SkipDigits();
            isFloat = true;
        }

        if (Peek() is 'e' or 'E')
        {
            var exponentStart = _position++;
            if (Peek() is '+' or '-')
            {
                _position++;
            }

            if (Peek() is >= '0' and <= '9')
            {
                SkipDigits();
                isFloat = true;
            }
            else
            {
                // Python's number pattern simply ends before an incomplete exponent; the 'e' is then extra data.
                _position = exponentStart;
            }
        }

        var number = _text.AsSpan(start, _position - start);
        if (isFloat)
        {
            return new JValue(double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var small))
        {
            return new JValue(small);
        }

        if (number.Length > MaxIntegerDigits + 1)
        {
            _position = start;
            throw Error($"Integer literal longer than {MaxIntegerDigits} digits");
        }

        return new JValue(BigInteger.Parse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
    }

    private void SkipDigits()
    {
        while (Peek() is >= '0' and <= '9')
        {
            _position++;
        }
    }

    private void SkipWhitespace()
    {
        while (Peek() is ' ' or '\t' or '\n' or '\r')
        {
            _position++;
        }
    }

    private bool TryLiteral(string literal)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            return false;
        }

        _position += literal.Length;
        return true;
    }

    private void Expect(char c, string message)
    {
        if (Peek() != c)
        {
            throw Error(message);
        }

        _position++;
    }

    private char Peek() => PeekAt(0);

    private char PeekAt(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private static bool IsHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private JsonReaderException Error(string message) =>
        new($"{message}: char {_position}.");
}
