using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Catalog.Core.Identifiers;

/// <summary>
/// python-datacatalog TypedUUIDs: a UUID5 of the text in the catalog namespace whose first three hex digits are replaced
/// by the type prefix; plus the lax UUID validation of Python's <c>uuid.UUID(s)</c>.
/// </summary>
public static class TypedUuid
{
    /// <summary>uuid3(NAMESPACE_DNS, "sd2e.org").</summary>
    public const string Namespace = "54765aeb-44ca-374a-9a9f-eb4658383ee4";

    private static readonly byte[] _namespaceBytes = Convert.FromHexString(Namespace.Replace("-", ""));

    // Python's str.encode('utf-8') raises on lone surrogates instead of substituting U+FFFD.
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The TypedUUID of <paramref name="text"/>, lower-case 8-4-4-4-12.</summary>
    public static string Create(UuidType type, string text)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(text);
        var input = new byte[_namespaceBytes.Length + _strictUtf8.GetByteCount(text)];
        _namespaceBytes.CopyTo(input, 0);
        _strictUtf8.GetBytes(text, 0, text.Length, input, _namespaceBytes.Length);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // UUID version 5 is defined on SHA-1 (RFC 9562 §5.5); nothing here relies on its strength
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = type.Prefix + Convert.ToHexStringLower(hash[..16])[3..];
        return Dashed(hex);
    }

    /// <summary>
    /// Accepts what Python <c>uuid.UUID(s)</c> accepts (dashes anywhere or none, braces, <c>urn:uuid:</c>, any case,
    /// any version digit) and returns the lower-case dashed form.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out string? normalized)
    {
        normalized = TryParseValue(text, out var value) ? Dashed(value.ToString("x32")) : null;
        return normalized is not null;
    }

    /// <summary>Python's validate_uuid5: any string <c>uuid.UUID(s)</c> accepts.</summary>
    public static bool IsValid(string? text) => TryParseValue(text, out _);

    /// <summary>Python's typeduuid.validate: a valid UUID whose first three characters are a known type prefix.</summary>
    public static bool IsTyped(string? text) => IsValid(text) && UuidType.Classify(text) is not null;

    // uuid.UUID(hex): drop 'urn:' and 'uuid:', strip braces, drop dashes, require 32 characters, then int(hex, 16).
    internal static bool TryParseValue(string? text, out UInt128 value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        var hex = text.Replace("urn:", "").Replace("uuid:", "").Trim('{', '}').Replace("-", "");
        return PythonText.CodePointCount(hex) == 32 && PythonHexInt.TryParse(hex, out value);
    }

    private static string Dashed(string hex32) =>
        $"{hex32[..8]}-{hex32[8..12]}-{hex32[12..16]}-{hex32[16..20]}-{hex32[20..]}";
}
