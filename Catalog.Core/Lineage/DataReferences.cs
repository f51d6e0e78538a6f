using System.Text.RegularExpressions;
using Catalog.Core.Identifiers;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Lineage;

/// <summary>
/// A job's acted_on files and acted_using references, discovered at creation from the <c>inputs</c> and
/// <c>parameters</c> of its data and from the request's <c>inputs</c> (python-datacatalog's refs_from_data_dict,
/// reference §8.3), without a database: a file is named by its path, so its UUID is the file UUID of that path;
/// python looked references up by uri or reference_id, and there is no reference store here at creation, so a
/// reference is named by its URI text (the reference UUID of the URI).
/// </summary>
public sealed partial record DataReferences(IReadOnlyList<string> ActedOn, IReadOnlyList<string> ActedUsing)
{
    /// <summary>What python prepends to a plain path (the default storage system).</summary>
    public const string DefaultSystemPrefix = "agave://data-sd2e-community";

    private const string AgaveScheme = "agave://";

    /// <summary>
    /// Scans <c>data.inputs</c> (a dict: every string value, a plain path prefixed; a list: only file or reference
    /// URIs), <c>data.parameters</c> (only file or reference URIs and plain paths) and <paramref name="inputs"/> (like
    /// a list). Values that are not strings are skipped: python raised TypeError and aborted the creation, which a
    /// stray number in the parameters should not do. The result is de-duplicated and sorted.
    /// </summary>
    public static DataReferences From(JObject data, IReadOnlyList<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(inputs);
        var found = new Found();
        switch (data["inputs"])
        {
            case JObject agaveInputs:
                foreach (var property in agaveInputs.Properties())
                {
                    found.Add(property.Value, anyPathIsFile: true);
                }
                break;
            case JArray listed:
                foreach (var item in listed)
                {
                    found.Add(item, anyPathIsFile: false);
                }
                break;
        }
        if (data["parameters"] is JObject parameters)
        {
            foreach (var property in parameters.Properties())
            {
                found.Add(property.Value, anyPathIsFile: false);
            }
        }
        foreach (var input in inputs)
        {
            found.Add(new JValue(input), anyPathIsFile: false);
        }
        return new DataReferences([.. found.Files], [.. found.References]);
    }

    // store.py's patterns; the agave prefix is optional, so a path containing /uploads/ anywhere matches too.
    [GeneratedRegex(@"(^agave://[a-zA-Z0-9_-]+)?/(uploads|products)/", RegexOptions.CultureInvariant)]
    private static partial Regex FileUri();

    [GeneratedRegex(@"(^agave://[a-zA-Z0-9_-]+)?/reference/|^(http:|https:)", RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceUri();

    private sealed class Found
    {
        public SortedSet<string> Files { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> References { get; } = new(StringComparer.Ordinal);

        public void Add(JToken? value, bool anyPathIsFile)
        {
            if (value is not JValue { Type: JTokenType.String, Value: string text })
            {
                return;
            }
            // A URL is never on the storage system, so it names a reference even when its path has /uploads/ in it.
            if (text.StartsWith("http:", StringComparison.Ordinal) || text.StartsWith("https:", StringComparison.Ordinal))
            {
                References.Add(TypedUuid.Create(UuidType.Reference, text));
            }
            else if (FileUri().IsMatch(text) || (anyPathIsFile && !ReferenceUri().IsMatch(text)))
            {
                AddFile(text);
            }
            else if (ReferenceUri().IsMatch(text))
            {
                var uri = text.StartsWith('/') ? DefaultSystemPrefix + text : text;
                References.Add(TypedUuid.Create(UuidType.Reference, uri));
            }
        }

        // python converts agave://<system>/<path> to /<path> to find the file by name. A plain path is the name; other
        // text (a relative path, another scheme) names no catalog file and is dropped, as python's lookup dropped it.
        private void AddFile(string text)
        {
            string? path = null;
            if (text.StartsWith(AgaveScheme, StringComparison.Ordinal))
            {
                var slash = text.IndexOf('/', AgaveScheme.Length);
                path = slash > AgaveScheme.Length ? text[slash..] : null;
            }
            else if (text.StartsWith('/'))
            {
                path = text;
            }
            if (path is not null)
            {
                Files.Add(FileIdentity.FileUuid(path));
            }
        }
    }
}
