using System.CommandLine;

namespace Catalog.Cli;

/// <summary>The options every command takes.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Url = new("--url")
    {
        Description = "The catalog's base URL (else the profile, CATALOG_URL, or http://127.0.0.1:5080)",
        Recursive = true,
    };

    public static readonly Option<string?> Key = new("--key")
    {
        Description = "The bearer key to send (else the profile or CATALOG_KEY); never printed",
        Recursive = true,
    };

    public static readonly Option<string?> Profile = new("--profile")
    {
        Description = "A named profile of the profile file ($CATALOG_CONFIG or ~/.config/catalog/config.json)",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print the API's JSON instead of tables (for scripts)",
        Recursive = true,
    };

    public static void AddTo(Command root)
    {
        root.Options.Add(Url);
        root.Options.Add(Key);
        root.Options.Add(Profile);
        root.Options.Add(Json);
    }
}
