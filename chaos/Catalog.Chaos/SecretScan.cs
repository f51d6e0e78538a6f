namespace Catalog.Chaos;

/// <summary>
/// Counts occurrences of secrets (keys, job tokens) in the catalog's captured output. Every window of each secret
/// length is looked up in a set, so thousands of tokens cost one pass per distinct length rather than one per token.
/// </summary>
internal static class SecretScan
{
    public static long Count(string text, IEnumerable<string> secrets)
    {
        var set = new HashSet<string>(secrets.Where(s => s.Length >= 8), StringComparer.Ordinal);
        var lookup = set.GetAlternateLookup<ReadOnlySpan<char>>();
        long found = 0;
        foreach (var length in set.Select(s => s.Length).Distinct())
        {
            for (var i = 0; i + length <= text.Length; i++)
            {
                if (lookup.Contains(text.AsSpan(i, length)))
                {
                    found++;
                }
            }
        }
        return found;
    }
}
