using CsCheck;

namespace Catalog.Attacks;

/// <summary>CsCheck generators of hostile strings: the text that ends up in JSON members, paths and query values.</summary>
internal static class HostileText
{
    /// <summary>Path traversal in every spelling a file-system or URL decoder might undo.</summary>
    public static readonly Gen<string> Traversal = Gen.OneOf(
        "../../../../etc/passwd", "/products/v2/../../../etc", "..", ".", "/", "//", "/products/v2/..", "..\\..\\windows",
        "%2e%2e%2f%2e%2e%2fetc", "/products/v2/%2e%2e/%2e%2e", "....//....//etc", "/proc/self/environ", "~/.ssh",
        "/products/v2/\0/x", "/products/v2/a/../../b", "data-sd2e-community/../..", "/products/v2/ok/\u2025/x",
        "C:\\Windows\\system32", "\\\\server\\share", "/products/v2/./.", "/dev/zero", "file:///etc/passwd");

    /// <summary>Regular expressions that backtrack catastrophically on names such as "aaaa…a!".</summary>
    public static readonly Gen<string> CatastrophicRegex = Gen.OneOf(
        "(a+)+$", "(a|aa)+$", "(a|a?)+$", "(.*a){25}", "^(([a-z])+.)+[A-Z]([a-z])+$", "(\\w+\\s?)+$", "(a*)*b",
        "((a+)+)+$", "(x+x+)+y", "^(a+)+\\!?z$", "(?:a|a)*$", "(.*){1,32000}[bc]", "[", "(", "(?<", "\\", "*", "a{99999999}",
        "(?P<name>x)", "(?i)(?#comment)A", "\\p{NotAClass}", "(?<=a+)b", "\\1(a)");

    public static readonly Gen<string> BadUuid = Gen.OneOf(
        "not-a-uuid", "", " ", "10776b2c-37b1-5b65-9b2a-d686d198a0f", "10776b2c37b15b659b2ad686d198a0fe", "{10776b2c-37b1-5b65-9b2a-d686d198a0fe}",
        "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "107", "10776b2c-37b1-5b65-9b2a-d686d198a0fe\n",
        "１０７76b2c-37b1-5b65-9b2a-d686d198a0fe", "10776b2c-37b1-5b65-9b2a-d686d198a0fe%00", "measurement.tacc.0xDEADBEEF",
        "measurement.tacc.0x", "sample.", "experiment.tacc.0xZZZZ", "'; DROP TABLE es.events; --");

    public static readonly Gen<string> Control = Gen.Char[(char)0, (char)31].Array[1, 40].Select(chars => new string(chars));

    /// <summary>Any UTF-16, lone surrogates included (they become invalid escapes in JSON text).</summary>
    public static readonly Gen<string> AnyUtf16 = Gen.Char.Array[0, 60].Select(chars => new string(chars));

    public static readonly Gen<string> Unicode = Gen.OneOf(
        "\u0000", "\uFEFF", "\uD800", "\uDC00x\uD800", "e\u0301", "\u202Eevil", "🧪🔬", "Ω≈ç√∫", "\u2028\u2029", "\uFFFF", "ａｄｍｉｎ",
        "null", "true", "NaN", "Infinity", "-0", "1e400", "%00", "%zz", "<script>alert(1)</script>", "${jndi:ldap://x}", "{{7*7}}");

    /// <summary>Long strings: well under, near and over the body limit once wrapped in JSON.</summary>
    public static readonly Gen<string> Huge = Gen.Frequency(
        (8, Gen.Int[1_000, 70_000].Select(n => new string('a', n))),
        (2, Gen.Int[100_000, 200_000].Select(n => new string('\u00e9', n))),
        (1, Gen.Int[1_048_000, 1_100_000].Select(n => new string('x', n))));

    public static readonly Gen<string> Any = Gen.Frequency(
        (4, Gen.String[0, 30]),
        (3, Traversal),
        (2, CatastrophicRegex),
        (3, BadUuid),
        (2, Control),
        (2, AnyUtf16),
        (4, Unicode),
        (1, Huge));
}
