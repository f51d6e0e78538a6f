using System.Text.Json;
using System.Text.Json.Nodes;

namespace Catalog.Cli.Settings;

/// <summary>
/// The profile file (<c>$CATALOG_CONFIG</c>, else <c>~/.config/catalog/config.json</c>):
/// <c>{"default": "NAME", "profiles": {"NAME": {"url": "...", "key": "..."}}}</c>.
/// </summary>
internal sealed class ProfileFile
{
    private readonly Dictionary<string, Profile> _profiles;

    private ProfileFile(string path, string? defaultName, Dictionary<string, Profile> profiles)
    {
        Path = path;
        DefaultName = defaultName;
        _profiles = profiles;
    }

    public string Path { get; }

    public string? DefaultName { get; }

    public IEnumerable<string> Names => _profiles.Keys.Order(StringComparer.Ordinal);

    public Profile? Find(string name) => _profiles.GetValueOrDefault(name);

    public static string DefaultPath(Func<string, string?> environment)
    {
        if (environment("CATALOG_CONFIG") is { Length: > 0 } given)
        {
            return given;
        }
        var configHome = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return System.IO.Path.Combine(configHome, "catalog", "config.json");
    }

    /// <summary>The file at <paramref name="path"/>, or null when there is none.</summary>
    public static ProfileFile? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException malformed)
        {
            throw new UsageException($"the profile file {path} is not valid JSON: {malformed.Message}");
        }
        catch (IOException unreadable)
        {
            throw new UsageException($"cannot read the profile file {path}: {unreadable.Message}");
        }
        catch (UnauthorizedAccessException unreadable)
        {
            throw new UsageException($"cannot read the profile file {path}: {unreadable.Message}");
        }
        if (root is not JsonObject file || file["profiles"] is not JsonObject entries)
        {
            throw new UsageException($"the profile file {path} must be an object with \"profiles\": {{\"NAME\": {{\"url\": ..., \"key\": ...}}}}");
        }
        var profiles = new Dictionary<string, Profile>(StringComparer.Ordinal);
        foreach (var (name, entry) in entries)
        {
            if (entry is not JsonObject fields)
            {
                throw new UsageException($"the profile file {path}: profile '{name}' must be an object {{\"url\": ..., \"key\": ...}}");
            }
            var unknown = fields.Select(f => f.Key).Where(k => k is not ("url" or "key")).ToList();
            if (unknown.Count > 0)
            {
                throw new UsageException($"the profile file {path}: profile '{name}' has unknown field(s) {string.Join(", ", unknown)} (known: url, key)");
            }
            profiles[name] = new Profile(name, Text(fields, "url", path, name), Text(fields, "key", path, name));
        }
        var defaultName = file["default"] is { } named ? named.GetValueKind() == JsonValueKind.String ? (string?)named : null : null;
        if (defaultName is not null && !profiles.ContainsKey(defaultName))
        {
            throw new UsageException($"the profile file {path} names \"{defaultName}\" as default, but has no such profile");
        }
        return new ProfileFile(path, defaultName, profiles);
    }

    private static string? Text(JsonObject fields, string field, string path, string name) => fields[field] switch
    {
        null => null,
        var value when value.GetValueKind() == JsonValueKind.String => (string?)value,
        _ => throw new UsageException($"the profile file {path}: '{field}' of profile '{name}' must be a string"),
    };
}
