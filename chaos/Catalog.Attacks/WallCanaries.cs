using System.Security.Cryptography;

namespace Catalog.Attacks;

/// <summary>
/// Files outside the catalog's storage root, in a folder beside it, with content known to the run: a folder holding a
/// file, and a file of an unusual size with random bytes. Links from archive folders point at them; clearing or indexing
/// an archive must never reach them.
/// </summary>
internal sealed class WallCanaries : IDisposable
{
    private readonly byte[] _fileContent;
    private readonly byte[] _keptContent;

    public WallCanaries(string storageRoot, ulong seed)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(storageRoot).TrimEnd(Path.DirectorySeparatorChar))
            ?? throw new InvalidOperationException($"the storage root {storageRoot} has no parent folder for the canaries");
        Root = Path.Combine(parent, $"wall-canaries-{seed}-{Guid.NewGuid():N}");
        Folder = Path.Combine(Root, "folder");
        Directory.CreateDirectory(Folder);
        _keptContent = RandomNumberGenerator.GetBytes(777);
        File.WriteAllBytes(Kept, _keptContent);
        // A size no other file of the run has, so an indexed record of this size can only be the canary.
        _fileContent = RandomNumberGenerator.GetBytes(104_729 + RandomNumberGenerator.GetInt32(1000));
        File.WriteAllBytes(FilePath, _fileContent);
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(_fileContent));
    }

    public string Root { get; }

    public string Folder { get; }

    public string FilePath => Path.Combine(Root, "canary.bin");

    private string Kept => Path.Combine(Folder, "kept.bin");

    public long Size => _fileContent.Length;

    public string Sha256 { get; }

    /// <summary>What happened to the canaries: empty while every one is there with its content.</summary>
    public IReadOnlyList<string> Damage()
    {
        var damage = new List<string>();
        void Check(string path, byte[] content)
        {
            if (!File.Exists(path) || File.ResolveLinkTarget(path, false) is not null)
            {
                damage.Add($"{path} is gone");
            }
            else if (!File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
            {
                damage.Add($"{path} was changed");
            }
        }
        if (!Directory.Exists(Folder))
        {
            damage.Add($"{Folder} is gone");
        }
        Check(Kept, _keptContent);
        Check(FilePath, _fileContent);
        return damage;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the temporary folder's owner; the run's verdict does not depend on it.
        }
    }
}
