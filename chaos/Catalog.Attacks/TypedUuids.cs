namespace Catalog.Attacks;

/// <summary>Well-formed typed UUIDs (python-datacatalog's 3-digit prefixes) that name nothing in the catalog.</summary>
internal static class TypedUuids
{
    public static string Unknown(string prefix) => Unknown(prefix, Guid.NewGuid());

    public static string Unknown(string prefix, Guid random)
    {
        var text = random.ToString("D").ToCharArray();
        prefix.CopyTo(0, text, 0, 3);
        // A UUID5 like the ones the catalog computes: version 5, RFC 4122 variant.
        text[14] = '5';
        text[19] = "89ab"[text[19] % 4];
        return new string(text);
    }
}
