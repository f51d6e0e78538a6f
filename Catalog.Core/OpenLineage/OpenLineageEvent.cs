using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.OpenLineage;

/// <summary>An OpenLineage job or dataset: its namespace, its name within it, and the facets sent with it.</summary>
public sealed record OpenLineageName(string Namespace, string Name, JObject Facets)
{
    /// <summary>How people read it: <c>namespace/name</c>.</summary>
    public string Label => $"{Namespace}/{Name}";
}

/// <summary>The run a run's <c>parent</c> facet names.</summary>
public sealed record OpenLineageParent(string Namespace, string Name, string RunId);

/// <summary>
/// One OpenLineage event, checked against the specification's schema and read: its kind, type and time, the job,
/// run and datasets it names, and the raw event as received (kept whole in the catalog's OpenLineage log).
/// </summary>
public sealed record OpenLineageEvent
{
    /// <summary>The longest namespace or name the catalog keeps.</summary>
    public const int MaxNameLength = 1024;
    /// <summary>The most input or output datasets one event may name.</summary>
    public const int MaxDatasets = 1000;

    public required OpenLineageKind Kind { get; init; }
    /// <summary>START, RUNNING, COMPLETE, ABORT, FAIL or OTHER (a run event that gives none is read as OTHER); null for job and dataset events.</summary>
    public string? EventType { get; init; }
    public required DateTimeOffset EventTime { get; init; }
    public required string Producer { get; init; }
    public OpenLineageName? Job { get; init; }
    /// <summary>The run's id, lower-case.</summary>
    public string? RunId { get; init; }
    public JObject RunFacets { get; init; } = [];
    public OpenLineageParent? Parent { get; init; }
    public IReadOnlyList<OpenLineageName> Inputs { get; init; } = [];
    public IReadOnlyList<OpenLineageName> Outputs { get; init; } = [];
    public OpenLineageName? Dataset { get; init; }
    /// <summary>The event as received, without insignificant white space.</summary>
    public required string Raw { get; init; }
    /// <summary>The SHA-256 of <see cref="Raw"/> in hex: the same event delivered twice has the same fingerprint.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The event read from a parsed body, or the problems that make it no OpenLineage event the catalog can take.</summary>
    public static (OpenLineageEvent? Event, IReadOnlyList<string> Problems) Read(JToken? body)
    {
        if (body is not JObject json)
        {
            return (null, ["The body must be one OpenLineage event: a JSON object (a run, job or dataset event)."]);
        }
        OpenLineageKind kind;
        if (json["run"] is not null)
        {
            kind = OpenLineageKind.Run;
        }
        else if (json["job"] is not null)
        {
            kind = OpenLineageKind.Job;
        }
        else if (json["dataset"] is not null)
        {
            kind = OpenLineageKind.Dataset;
        }
        else
        {
            return (null, ["The event names neither a run and its job (RunEvent), a job (JobEvent) nor a dataset (DatasetEvent)."]);
        }
        var raw = json.ToString(Formatting.None);
        if (OpenLineageSchema.Problems(kind, raw) is { Count: > 0 } invalid)
        {
            return (null, invalid);
        }
        var problems = new List<string>();
        var time = ReadTime(json["eventTime"], problems);
        var job = json["job"] is JObject jobJson ? Name(jobJson, "job", problems) : null;
        string? runId = null;
        var runFacets = json["run"]?["facets"] as JObject ?? [];
        if (kind == OpenLineageKind.Run)
        {
            runId = ReadRunId(json["run"]!["runId"], "run.runId", problems);
        }
        var parent = kind == OpenLineageKind.Run ? ReadParent(runFacets["parent"], problems) : null;
        var inputs = Datasets(json["inputs"], "inputs", problems);
        var outputs = Datasets(json["outputs"], "outputs", problems);
        var dataset = json["dataset"] is JObject datasetJson ? Name(datasetJson, "dataset", problems) : null;
        if (problems.Count > 0)
        {
            return (null, problems);
        }
        return (new OpenLineageEvent
        {
            Kind = kind,
            EventType = kind == OpenLineageKind.Run ? (string?)json["eventType"] ?? "OTHER" : null,
            EventTime = time,
            Producer = (string)json["producer"]!,
            Job = job,
            RunId = runId,
            RunFacets = (JObject)runFacets.DeepClone(),
            Parent = parent,
            Inputs = inputs,
            Outputs = outputs,
            Dataset = dataset,
            Raw = raw,
            Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw))),
        }, []);
    }

    // Integrations send times without an offset too (read as UTC, as they mean them).
    private static DateTimeOffset ReadTime(JToken? value, List<string> problems)
    {
        var text = value?.Type == JTokenType.Date ? ((DateTime)value!).ToString("o", CultureInfo.InvariantCulture) : (string?)value;
        if (text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }
        problems.Add($"eventTime: '{text}' is not a date-time (ISO 8601, e.g. 2026-12-03T10:00:00Z).");
        return default;
    }

    private static string? ReadRunId(JToken? value, string field, List<string> problems)
    {
        if (Guid.TryParse((string?)value, out var id))
        {
            return id.ToString("D");
        }
        problems.Add($"{field}: '{(string?)value}' is not a UUID.");
        return null;
    }

    private static OpenLineageName? Name(JObject json, string field, List<string> problems)
    {
        var ns = (string?)json["namespace"];
        var name = (string?)json["name"];
        if (string.IsNullOrWhiteSpace(ns) || string.IsNullOrWhiteSpace(name) || ns.Length > MaxNameLength || name.Length > MaxNameLength)
        {
            problems.Add($"{field}: namespace and name must be non-empty and at most {MaxNameLength} characters.");
            return null;
        }
        // A dataset's input or output facets are kept beside its own, under their OpenLineage names.
        var facets = (JObject)(json["facets"] as JObject ?? []).DeepClone();
        foreach (var extra in new[] { "inputFacets", "outputFacets" })
        {
            if (json[extra] is JObject more)
            {
                facets[extra] = more.DeepClone();
            }
        }
        return new OpenLineageName(ns, name, facets);
    }

    private static List<OpenLineageName> Datasets(JToken? list, string field, List<string> problems)
    {
        if (list is not JArray items)
        {
            return [];
        }
        if (items.Count > MaxDatasets)
        {
            problems.Add($"{field}: at most {MaxDatasets} datasets per event, not {items.Count}.");
            return [];
        }
        return items.Select((item, i) => Name((JObject)item, $"{field}[{i}]", problems)).OfType<OpenLineageName>().ToList();
    }

    private static OpenLineageParent? ReadParent(JToken? facet, List<string> problems)
    {
        if (facet is not JObject parent)
        {
            return null;
        }
        if (parent["job"] is not JObject { } job || parent["run"] is not JObject run
            || (string?)job["namespace"] is not { Length: > 0 and <= MaxNameLength } ns
            || (string?)job["name"] is not { Length: > 0 and <= MaxNameLength } name)
        {
            problems.Add("run.facets.parent: must name the parent's job (namespace, name) and run (runId).");
            return null;
        }
        return ReadRunId(run["runId"], "run.facets.parent.run.runId", problems) is { } runId ? new OpenLineageParent(ns, name, runId) : null;
    }
}
