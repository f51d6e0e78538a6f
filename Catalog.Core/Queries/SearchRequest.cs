namespace Catalog.Core.Queries;

/// <summary>
/// A checked search: the text (1 to <see cref="MaxLength"/> characters, trimmed), the kinds of thing searched (all when
/// no <c>type</c> is given) and the page. Pure: every problem is collected at once.
/// </summary>
public sealed record SearchRequest(string Text, IReadOnlyList<string> Types, PageRequest Page)
{
    public const int MaxLength = 256;

    /// <summary>What can be searched for: a named lineage node that is none of the others is a <c>dataset</c>.</summary>
    public static IReadOnlyList<string> AllTypes { get; } = ["job", "file", "pipeline", "dataset"];

    public static (SearchRequest? Request, IReadOnlyList<string> Errors) Parse(string? q, string? type, string? limit, string? after)
    {
        var errors = new List<string>();
        var text = q?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add("q: required, the text to search for (1 to 256 characters).");
        }
        else if (text.Length > MaxLength)
        {
            errors.Add($"q must be at most {MaxLength} characters, not {text.Length}.");
        }
        var types = AllTypes;
        if (!string.IsNullOrWhiteSpace(type))
        {
            var wanted = type.Trim().ToLowerInvariant();
            if (AllTypes.Contains(wanted))
            {
                types = [wanted];
            }
            else
            {
                errors.Add($"type must be one of {string.Join(", ", AllTypes)}, not '{QueryParameters.Clip(type)}'.");
            }
        }
        var (page, pageErrors) = QueryParameters.Page(limit, after, SearchQueries.List, timed: true);
        errors.AddRange(pageErrors);
        return errors.Count == 0 ? (new SearchRequest(text, types, page!), errors) : (null, errors);
    }
}
