using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace Catalog.Api.Ui;

/// <summary>
/// The web UI's files, embedded in the assembly by Ui/Ui.targets (resource names <c>ui/&lt;path&gt;</c>), read once:
/// each with its content type and an entity tag, so a browser revalidates instead of downloading again.
/// </summary>
public sealed class UiAssets
{
    private const string Prefix = "ui/";

    private readonly FrozenDictionary<string, UiAsset> _assets;

    private UiAssets(FrozenDictionary<string, UiAsset> assets) => _assets = assets;

    public static UiAssets Embedded { get; } = Load();

    /// <summary>The page every UI address answers with (the modules it loads draw the view the address names).</summary>
    public UiAsset Page => _assets["index.html"];

    public UiAsset? Find(string path) => _assets.GetValueOrDefault(path);

    private static UiAssets Load()
    {
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";
        types.Mappings[".js"] = "text/javascript";
        var assembly = typeof(UiAssets).Assembly;
        var assets = new Dictionary<string, UiAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var type = types.TryGetContentType(name, out var known) ? known : "application/octet-stream";
            if (type.StartsWith("text/", StringComparison.Ordinal))
            {
                type += "; charset=utf-8";
            }
            var tag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"";
            assets[name[Prefix.Length..]] = new UiAsset(bytes, type, tag);
        }
        if (!assets.ContainsKey("index.html"))
        {
            throw new InvalidOperationException("The web UI's page (embedded resource ui/index.html) is missing from the build.");
        }
        return new UiAssets(assets.ToFrozenDictionary(StringComparer.Ordinal));
    }
}

/// <summary>One file of the web UI.</summary>
public sealed record UiAsset(byte[] Bytes, string ContentType, string ETag);
