using System.Numerics;
using Catalog.Core.Identifiers;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Identifiers;

public class PythonJsonTests
{
    [Theory]
    [InlineData("100.0", "100.0")]
    [InlineData("1e16", "1e+16")]
    [InlineData("1E+16", "1e+16")]
    [InlineData("-0.0", "-0.0")]
    [InlineData("0.1", "0.1")]
    [InlineData("1e-5", "1e-05")]
    [InlineData("123456.789", "123456.789")]
    [InlineData("1e22", "1e+22")]
    [InlineData("12345678901234567890123", "12345678901234567890123")]
    [InlineData("-12345678901234567890123", "-12345678901234567890123")]
    [InlineData("5e-324", "5e-324")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("1234567890123456.0", "1234567890123456.0")]
    [InlineData("12345678901234567.0", "1.2345678901234568e+16")]
    [InlineData("2.5e-07", "2.5e-07")]
    [InlineData("1.5e300", "1.5e+300")]
    [InlineData("1e-07", "1e-07")]
    [InlineData("123e-20", "1.23e-18")]
    [InlineData("9007199254740993.0", "9007199254740992.0")]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    [InlineData("1e15", "1000000000000000.0")]
    [InlineData("123456789012345.6", "123456789012345.6")]
    [InlineData("4.35", "4.35")]
    [InlineData("-1.5e-10", "-1.5e-10")]
    [InlineData("1e400", "Infinity")]
    [InlineData("-0", "0")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("9223372036854775808", "9223372036854775808")]
    public void Numbers_round_trip_through_parse_and_dumps_as_python_writes_them(string json, string expected)
    {
        Assert.Equal(expected, PythonJson.Dumps(PythonJson.Parse(json)));
    }

    [Fact]
    public void Parse_keeps_integer_and_float_kinds_apart()
    {
        var parsed = (JArray)PythonJson.Parse("[1, 1.0, -0.0, 12345678901234567890123, \"2019-02-15T21:30:09Z\"]");

        Assert.Equal(JTokenType.Integer, parsed[0].Type);
        Assert.Equal(JTokenType.Float, parsed[1].Type);
        Assert.True(double.IsNegative((double)parsed[2]));
        Assert.IsType<BigInteger>(((JValue)parsed[3]).Value);
        Assert.Equal(JTokenType.String, parsed[4].Type);
    }

    [Fact]
    public void Keys_are_sorted_by_code_point_not_by_utf16_unit()
    {
        var parsed = PythonJson.Parse("{\"\\ud83d\\ude00\": 2, \"\\uff01\": 1, \"a\": 3, \"B\": 4}");

        Assert.Equal("{\"B\":4,\"a\":3,\"\\uff01\":1,\"\\ud83d\\ude00\":2}", PythonJson.Dumps(parsed));
    }

    [Theory]
    [InlineData("\"\\u00e9\"", "\"\\u00e9\"")]
    [InlineData("\"\u00e9\"", "\"\\u00e9\"")]
    [InlineData("\"\U0001F600\"", "\"\\ud83d\\ude00\"")]
    [InlineData("\"\\\"\\\\\\n\\r\\t\\b\\f\\u0001/\\u007f\\u001f\"", "\"\\\"\\\\\\n\\r\\t\\b\\f\\u0001/\\u007f\\u001f\"")]
    [InlineData("\"a\\/b\"", "\"a/b\"")]
    public void Strings_are_escaped_as_python_ensure_ascii_does(string json, string expected)
    {
        Assert.Equal(expected, PythonJson.Dumps(PythonJson.Parse(json)));
    }

    [Fact]
    public void Nested_values_are_compact_with_sorted_keys()
    {
        var parsed = PythonJson.Parse("{ \"b\" : [true, false, null, {\"z\": 1, \"y\": []}], \"a\": {} }");

        Assert.Equal("{\"a\":{},\"b\":[true,false,null,{\"y\":[],\"z\":1}]}", PythonJson.Dumps(parsed));
    }

    [Fact]
    public void Non_finite_floats_use_the_javascript_names()
    {
        Assert.Equal("[NaN,Infinity,-Infinity]", PythonJson.Dumps(PythonJson.Parse("[NaN, Infinity, -Infinity]")));
    }

    [Fact]
    public void Decimal_and_single_values_are_written_as_python_floats()
    {
        Assert.Equal("[1.5,100.0,0.5]", PythonJson.Dumps(new JArray(new JValue(1.5m), new JValue(100m), new JValue(0.5f))));
    }

    [Fact]
    public void Values_python_cannot_serialise_are_refused()
    {
        Assert.Throws<ArgumentException>(() => PythonJson.Dumps(new JArray(new JValue(new DateTime(2019, 2, 15)))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{} x")]
    [InlineData("{'a': 1}")]
    [InlineData("{a: 1}")]
    [InlineData("[1,]")]
    [InlineData("{\"a\": 1,}")]
    [InlineData("01")]
    [InlineData("0x10")]
    [InlineData("010")]
    [InlineData("[1,,2]")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("+1")]
    [InlineData("-NaN")]
    [InlineData("/* c */ 1")]
    [InlineData("\"tab\there\"")]
    [InlineData("\"\\x41\"")]
    [InlineData("\"\\u00g0\"")]
    [InlineData("[1")]
    [InlineData("\"open")]
    [InlineData("undefined")]
    [InlineData("\ufeff{}")]
    public void Parse_rejects_what_python_json_loads_rejects(string json)
    {
        Assert.Throws<JsonReaderException>(() => PythonJson.Parse(json));
    }

    [Fact]
    public void Parse_accepts_nesting_deeper_than_newtonsoft_default_limit()
    {
        var json = new string('[', 200) + new string(']', 200);

        Assert.Equal(json, PythonJson.Dumps(PythonJson.Parse(json)));
    }

    [Fact]
    public void A_repeated_key_keeps_its_first_position_and_last_value()
    {
        var parsed = PythonJson.Parse("{\"a\": 1, \"b\": 2, \"a\": 3}");

        Assert.Equal("{'a': 3, 'b': 2}", PythonJson.Repr(parsed));
    }

    [Fact]
    public void Repr_of_a_string_list_uses_single_quotes_and_comma_space()
    {
        Assert.Equal("['a', 'b']", PythonJson.Repr(["a", "b"]));
        Assert.Equal("[]", PythonJson.Repr(Array.Empty<string>()));
        Assert.Equal("['10483e8d-6602-532a-8941-176ce20dd05a']", PythonJson.Repr(["10483e8d-6602-532a-8941-176ce20dd05a"]));
    }

    [Theory]
    [InlineData("a", "'a'")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("say \"hi\"", "'say \"hi\"'")]
    [InlineData("it's \"x\"", "'it\\'s \"x\"'")]
    [InlineData("tab\there\nnl\r\u0001\u007f\\", "'tab\\there\\nnl\\r\\x01\\x7f\\\\'")]
    public void Repr_of_a_string_matches_python_3(string text, string expected)
    {
        Assert.Equal(expected, PythonJson.Repr(text));
    }

    [Fact]
    public void Repr_keeps_printable_non_ascii_and_escapes_the_rest()
    {
        // Not an InlineData case: attribute strings are stored as UTF-8, which cannot carry the lone surrogate.
        var text = "caf\u00e9 \u00a0 \u00ad \u2028 \U0001F600 \ud800 \u65e5 \u0378";

        Assert.Equal("'caf\u00e9 \\xa0 \\xad \\u2028 \U0001F600 \\ud800 \u65e5 \\u0378'", PythonJson.Repr(text));
    }

    [Fact]
    public void Repr_of_a_dict_keeps_insertion_order_and_python_literals()
    {
        var parsed = PythonJson.Parse(
            "{\"k\":\"v\",\"n\":1,\"f\":1.0,\"b\":true,\"z\":null,\"l\":[1e16,-0.0,2.5e-07,0.1],\"d\":{},"
            + "\"big\":12345678901234567890123,\"nan\":NaN,\"inf\":-Infinity}");

        Assert.Equal(
            "{'k': 'v', 'n': 1, 'f': 1.0, 'b': True, 'z': None, 'l': [1e+16, -0.0, 2.5e-07, 0.1], 'd': {}, "
            + "'big': 12345678901234567890123, 'nan': nan, 'inf': -inf}",
            PythonJson.Repr(parsed));
    }
}
