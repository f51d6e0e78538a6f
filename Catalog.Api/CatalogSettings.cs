namespace Catalog.Api;

/// <summary>The catalog's configuration, read from the environment (README, "Configuration").</summary>
public sealed class CatalogSettings
{
    public string? ConnectionString { get; init; }
    public string StorageRoot { get; init; } = Path.GetFullPath(".catalog/storage");
    public string? PublicUrl { get; init; }
    public IReadOnlyList<string> AdminKeys { get; init; } = [];
    public IReadOnlyList<string> AgentKeys { get; init; } = [];

    public static CatalogSettings FromConfiguration(IConfiguration configuration) => new()
    {
        ConnectionString = NullIfBlank(configuration["CATALOG_DB"]),
        StorageRoot = Path.GetFullPath(NullIfBlank(configuration["CATALOG_STORAGE_ROOT"]) ?? ".catalog/storage"),
        PublicUrl = NullIfBlank(configuration["CATALOG_PUBLIC_URL"]),
        AdminKeys = Keys(configuration["CATALOG_ADMIN_KEYS"]),
        AgentKeys = Keys(configuration["CATALOG_AGENT_KEYS"]),
    };

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string[] Keys(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
