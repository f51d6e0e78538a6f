using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.OpenLineage;

/// <summary>A dataset an OpenLineage run read or wrote: the lineage node it is (its UUID), its name, and its facets.</summary>
public sealed record OpenLineageDataset(string Uuid, string Namespace, string Name, JObject Facets)
{
    public string Label => $"{Namespace}/{Name}";

    public JObject ToJson() => new()
    {
        ["uuid"] = Uuid, ["namespace"] = Namespace, ["name"] = Name, ["facets"] = Facets.DeepClone(),
    };

    public static OpenLineageDataset Of(JObject json) =>
        new((string)json["uuid"]!, (string)json["namespace"]!, (string)json["name"]!, json["facets"] as JObject ?? []);
}

/// <summary>
/// What an OpenLineage run event tells the catalog about its job, beyond the state it moves to: the job's name and
/// run, the event's type and time, the run's and job's facets (those that carry environment variables or credentials
/// left out and named in <see cref="Redacted"/>: the OpenLineage log keeps them for admins), and the datasets read and
/// written. Recorded in the job's stream (<c>job.lineage_reported</c>); a job's reports merge into one
/// (<see cref="Merge"/>), shown as its document's <c>openlineage</c>.
/// </summary>
public sealed record OpenLineageReport
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public required string RunId { get; init; }
    public required string EventType { get; init; }
    public required DateTimeOffset EventTime { get; init; }
    public required string Producer { get; init; }
    public JObject RunFacets { get; init; } = [];
    public JObject JobFacets { get; init; } = [];
    public IReadOnlyList<OpenLineageDataset> Inputs { get; init; } = [];
    public IReadOnlyList<OpenLineageDataset> Outputs { get; init; } = [];
    public IReadOnlyList<string> Redacted { get; init; } = [];

    /// <summary>
    /// The job's reports so far with a later one: the latest type, time and producer; facets merged by name (a later
    /// facet replaces one of the same name, as OpenLineage consumers merge them); datasets by UUID, in first-seen order.
    /// </summary>
    public static OpenLineageReport Merge(OpenLineageReport? earlier, OpenLineageReport later) => earlier is null ? later : later with
    {
        RunFacets = MergeFacets(earlier.RunFacets, later.RunFacets),
        JobFacets = MergeFacets(earlier.JobFacets, later.JobFacets),
        Inputs = MergeDatasets(earlier.Inputs, later.Inputs),
        Outputs = MergeDatasets(earlier.Outputs, later.Outputs),
        Redacted = [.. earlier.Redacted.Union(later.Redacted, StringComparer.Ordinal)],
    };

    public JObject ToJson() => new()
    {
        ["namespace"] = Namespace,
        ["name"] = Name,
        ["run_id"] = RunId,
        ["event_type"] = EventType,
        ["event_time"] = JobEventJson.FormatTime(EventTime),
        ["producer"] = Producer,
        ["run_facets"] = RunFacets.DeepClone(),
        ["job_facets"] = JobFacets.DeepClone(),
        ["inputs"] = new JArray(Inputs.Select(d => d.ToJson())),
        ["outputs"] = new JArray(Outputs.Select(d => d.ToJson())),
        ["redacted_facets"] = new JArray(Redacted),
    };

    public static OpenLineageReport Of(JObject json) => new()
    {
        Namespace = (string)json["namespace"]!,
        Name = (string)json["name"]!,
        RunId = (string)json["run_id"]!,
        EventType = (string)json["event_type"]!,
        EventTime = JobEventJson.ParseTime(json["event_time"]),
        Producer = (string)json["producer"]!,
        RunFacets = json["run_facets"] as JObject ?? [],
        JobFacets = json["job_facets"] as JObject ?? [],
        Inputs = Datasets(json["inputs"]),
        Outputs = Datasets(json["outputs"]),
        Redacted = json["redacted_facets"] is JArray redacted ? redacted.Select(r => (string)r!).ToArray() : [],
    };

    private static OpenLineageDataset[] Datasets(JToken? list) => list is JArray items ? items.Select(i => OpenLineageDataset.Of((JObject)i)).ToArray() : [];

    private static JObject MergeFacets(JObject earlier, JObject later)
    {
        var merged = (JObject)earlier.DeepClone();
        foreach (var facet in later.Properties())
        {
            merged[facet.Name] = facet.Value.DeepClone();
        }
        return merged;
    }

    private static OpenLineageDataset[] MergeDatasets(IReadOnlyList<OpenLineageDataset> earlier, IReadOnlyList<OpenLineageDataset> later)
    {
        var byUuid = later.GroupBy(d => d.Uuid, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var merged = earlier.Select(d => byUuid.TryGetValue(d.Uuid, out var newer) ? newer with { Facets = MergeFacets(d.Facets, newer.Facets) } : d).ToList();
        var known = earlier.Select(d => d.Uuid).ToHashSet(StringComparer.Ordinal);
        merged.AddRange(later.Where(d => known.Add(d.Uuid)));
        return [.. merged];
    }
}
