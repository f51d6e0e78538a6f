using System.CommandLine;

namespace Catalog.Cli.Commands;

/// <summary>The paging options of the list commands.</summary>
internal static class Paging
{
    public static readonly Option<int?> Limit = new("--limit")
    {
        Description = "Items per page (1-1000; the catalog's default is 100)",
        Validators = { result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 or > 1000)
            {
                result.AddError("--limit must be between 1 and 1000");
            }
        } },
    };

    public static readonly Option<bool> All = new("--all") { Description = "Follow the pages to the end" };
}
