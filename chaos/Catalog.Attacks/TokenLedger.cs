using System.Collections.Concurrent;

namespace Catalog.Attacks;

/// <summary>
/// Every job token the run obtained or sent, written one per line to --secrets-out so the runner can check that none
/// of them appears in the catalog's logs.
/// </summary>
internal sealed class TokenLedger
{
    private readonly ConcurrentDictionary<string, byte> _tokens = new(StringComparer.Ordinal);

    public string Add(string token)
    {
        _tokens.TryAdd(token, 0);
        return token;
    }

    public int Count => _tokens.Count;

    public void WriteTo(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        File.WriteAllLines(path, _tokens.Keys.Order(StringComparer.Ordinal));
    }
}
