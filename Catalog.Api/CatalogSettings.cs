namespace Catalog.Api;

/// <summary>The catalog's configuration, read from the environment (README, "Configuration").</summary>
public sealed class CatalogSettings
{
    public string? ConnectionString { get; init; }
    public string StorageRoot { get; init; } = Path.GetFullPath(".catalog/storage");
    public string? PublicUrl { get; init; }
    public IReadOnlyList<string> AdminKeys { get; init; } = [];
    public IReadOnlyList<string> AgentKeys { get; init; } = [];
    /// <summary>Hidden jobs are purged by the system after this long (<c>CATALOG_PURGE_HIDDEN_AFTER_DAYS</c>); null: never.</summary>
    public TimeSpan? PurgeHiddenAfter { get; init; }

    public static CatalogSettings FromConfiguration(IConfiguration configuration) => new()
    {
        ConnectionString = NullIfBlank(configuration["CATALOG_DB"]),
        StorageRoot = Path.GetFullPath(NullIfBlank(configuration["CATALOG_STORAGE_ROOT"]) ?? ".catalog/storage"),
        PublicUrl = NullIfBlank(configuration["CATALOG_PUBLIC_URL"]),
        AdminKeys = Keys(configuration["CATALOG_ADMIN_KEYS"]),
        AgentKeys = Keys(configuration["CATALOG_AGENT_KEYS"]),
        PurgeHiddenAfter = Days(configuration["CATALOG_PURGE_HIDDEN_AFTER_DAYS"]),
    };

    // A value that is not a positive number of days stops the start: a typo must not silently mean "never" (or "now").
    private static TimeSpan? Days(string? value)
    {
        if (NullIfBlank(value) is not { } text)
        {
            return null;
        }
        return double.TryParse(text, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var days)
            && days > 0 && days <= 36600
            ? TimeSpan.FromDays(days)
            : throw new InvalidOperationException(
                $"CATALOG_PURGE_HIDDEN_AFTER_DAYS must be a positive number of days (e.g. 30 or 0.5), not '{text}'.");
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string[] Keys(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
