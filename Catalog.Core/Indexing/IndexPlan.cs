using Newtonsoft.Json.Linq;

namespace Catalog.Core.Indexing;

/// <summary>
/// The index requests of one indexing run, checked and compiled before the job is touched (reference §7.1, §7.2):
/// the explicit <c>filters</c> when given, else the job's <c>archive_patterns</c> followed by its <c>product_patterns</c>.
/// </summary>
public sealed class IndexPlan
{
    private IndexPlan(IReadOnlyList<PlannedRequest> requests) => Requests = requests;

    public IReadOnlyList<PlannedRequest> Requests { get; }

    /// <summary>Every derived reference once, in request order.</summary>
    public IReadOnlyList<DerivedReference> References =>
        Requests.SelectMany(r => r.DerivedFrom.Concat(r.DerivedUsing)).DistinctBy(r => r.Text).ToArray();

    /// <summary>
    /// Parses and compiles the requests; every problem found is returned, each naming its request and key or pattern.
    /// <paramref name="level"/> is the level of requests that name none (see <see cref="IndexRequest.Parse"/>).
    /// </summary>
    public static (IndexPlan? Plan, IReadOnlyList<string> Errors) Create(JArray? filters, JArray archivePatterns,
        JArray productPatterns, string? level, string archivePath, TimeSpan matchTimeout)
    {
        var errors = new List<string>();
        if (level is not null && !IndexRequest.Levels.Contains(level))
        {
            errors.Add($"level: must be a processing level ({string.Join(", ", IndexRequest.Levels)}), not '{level}'.");
        }
        var items = filters is not null
            ? filters.Select((item, i) => (item, $"filters[{i}]"))
            : archivePatterns.Select((item, i) => (item, $"archive_patterns[{i}]"))
                .Concat(productPatterns.Select((item, i) => (item, $"product_patterns[{i}]")));
        var planned = new List<PlannedRequest>();
        foreach (var (item, label) in items)
        {
            var (request, requestErrors) = IndexRequest.Parse(item, label, level);
            errors.AddRange(requestErrors);
            if (request is null)
            {
                continue;
            }
            var (patterns, patternErrors) = FilePatterns.Compile(request.Patterns, $"{label}.patterns", matchTimeout);
            errors.AddRange(patternErrors);
            var derivedFrom = Classify(request.DerivedFrom, $"{label}.derived_from", archivePath, errors);
            var derivedUsing = Classify(request.DerivedUsing, $"{label}.derived_using", archivePath, errors);
            if (patterns is not null)
            {
                planned.Add(new PlannedRequest(request, patterns, derivedFrom, derivedUsing));
            }
        }
        return errors.Count == 0 ? (new IndexPlan(planned), []) : (null, errors);
    }

    /// <summary>
    /// What the requests say about a file, or null when none matches it. As the requests ran one after the other in
    /// python-datacatalog, the last archive request with a level sets it; product requests add their references.
    /// </summary>
    /// <exception cref="PatternTooSlowException">A pattern ran past the match timeout on this path.</exception>
    public FileMatch? Match(string path)
    {
        string? level = null;
        var matched = false;
        SortedSet<string>? derivedFrom = null, derivedUsing = null;
        foreach (var planned in Requests)
        {
            if (!planned.Patterns.IsMatch(path))
            {
                continue;
            }
            matched = true;
            if (planned.Request.Kind == IndexRequestKind.Archive)
            {
                level = planned.Request.Level ?? level;
                continue;
            }
            (derivedFrom ??= new SortedSet<string>(StringComparer.Ordinal)).UnionWith(planned.DerivedFrom.Select(UuidOf));
            (derivedUsing ??= new SortedSet<string>(StringComparer.Ordinal)).UnionWith(planned.DerivedUsing.Select(UuidOf));
        }
        return matched ? new FileMatch(level, derivedFrom?.ToArray() ?? [], derivedUsing?.ToArray() ?? []) : null;
    }

    private static DerivedReference[] Classify(IReadOnlyList<string> references, string label, string archivePath, List<string> errors)
    {
        var classified = references.Select(r => DerivedReference.Classify(r, archivePath)).ToArray();
        errors.AddRange(classified.OfType<DerivedReference.Unresolvable>().Select(u => $"{label}: cannot resolve '{u.Text}': {u.Reason}."));
        return classified;
    }

    private static string UuidOf(DerivedReference reference) => reference switch
    {
        DerivedReference.Typed typed => typed.Uuid,
        DerivedReference.JobRelative relative => relative.Uuid,
        DerivedReference.Agave agave => agave.Uuid,
        DerivedReference.IndexedName indexed => indexed.Uuid,
        _ => throw new InvalidOperationException($"'{reference.Text}' was not resolved."),
    };
}
