using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.OpenLineage;

/// <summary>
/// Facets that may carry environment variables or credentials, shown to admins only: a facet whose name, or the name
/// of anything inside it, speaks of the environment, secrets, passwords, tokens, keys or authentication, or that holds
/// a URI with a password in it (<c>scheme://user:password@host</c>). The rule errs on the side of hiding.
/// </summary>
public static partial class OpenLineageRedaction
{
    /// <summary>What a hidden facet is replaced by where a raw event is shown to someone who is not an admin.</summary>
    public const string Notice = "shown to admins only";

    public static bool IsSensitive(string facetName, JToken facet) =>
        SensitiveName().IsMatch(facetName) || facet.SelectTokens("..*").Any(t =>
            t.Parent is JProperty property && SensitiveName().IsMatch(property.Name)
            || t.Type == JTokenType.String && UriWithPassword().IsMatch((string)t!));

    /// <summary>The facets without the sensitive ones, and the names of those left out (prefixed with <paramref name="where"/>).</summary>
    public static (JObject Kept, IReadOnlyList<string> Removed) Split(JObject facets, string where)
    {
        var kept = new JObject();
        var removed = new List<string>();
        foreach (var facet in facets.Properties())
        {
            if (IsSensitive(facet.Name, facet.Value))
            {
                removed.Add($"{where}.{facet.Name}");
            }
            else
            {
                kept[facet.Name] = facet.Value.DeepClone();
            }
        }
        return (kept, removed);
    }

    /// <summary>A raw event as someone who is not an admin sees it: each sensitive facet replaced by a notice.</summary>
    public static JObject ForReaders(JObject raw)
    {
        var shown = (JObject)raw.DeepClone();
        var holders = new List<JToken?> { shown["run"]?["facets"], shown["job"]?["facets"], shown["dataset"]?["facets"] };
        foreach (var list in new[] { "inputs", "outputs" })
        {
            foreach (var dataset in (shown[list] as JArray)?.OfType<JObject>() ?? [])
            {
                holders.AddRange([dataset["facets"], dataset["inputFacets"], dataset["outputFacets"]]);
            }
        }
        foreach (var facets in holders.OfType<JObject>())
        {
            foreach (var facet in facets.Properties().Where(f => IsSensitive(f.Name, f.Value)).ToList())
            {
                facet.Value = new JObject { ["redacted"] = Notice };
            }
        }
        return shown;
    }

    [GeneratedRegex("(?i)(environ|env_?var|^env$|secret|credential|passw|token|api_?key|access_?key|private_?key|authoriz|authentic|cookie|session_?key)")]
    private static partial Regex SensitiveName();

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9+.-]*://[^/\s:@]+:[^/\s@]+@")]
    private static partial Regex UriWithPassword();
}
