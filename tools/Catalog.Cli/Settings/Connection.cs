namespace Catalog.Cli.Settings;

/// <summary>
/// Where the catalog is and which key to send, from (first found wins) <c>--url</c>/<c>--key</c>, the profile named
/// by <c>--profile</c>, <c>CATALOG_URL</c>/<c>CATALOG_KEY</c>, the profile file's default profile, and the local default.
/// </summary>
internal sealed record Connection(Uri Url, string? Key)
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static Connection Resolve(string? url, string? key, string? profileName, Func<string, string?> environment)
    {
        var path = ProfileFile.DefaultPath(environment);
        var file = ProfileFile.Load(path);
        Profile? chosen = null;
        if (profileName is not null)
        {
            if (file is null)
            {
                throw new UsageException($"--profile {profileName}: there is no profile file at {path}");
            }
            chosen = file.Find(profileName)
                ?? throw new UsageException($"--profile {profileName}: {path} has no such profile (it has: {string.Join(", ", file.Names)})");
        }
        var fallback = file?.DefaultName is { } name ? file.Find(name) : null;
        var resolvedUrl = url ?? chosen?.Url ?? Given(environment("CATALOG_URL")) ?? fallback?.Url ?? DefaultUrl;
        var resolvedKey = key ?? chosen?.Key ?? Given(environment("CATALOG_KEY")) ?? fallback?.Key;
        return new Connection(ParseUrl(resolvedUrl), Given(resolvedKey));
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Uri ParseUrl(string text)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"the catalog URL '{text}' is not an http:// or https:// URL");
        }
        // A base path (a catalog behind a proxy at /catalog) must end with '/' for relative routes to land under it.
        return parsed.AbsolutePath.EndsWith('/') ? parsed : new Uri(parsed + "/");
    }
}
