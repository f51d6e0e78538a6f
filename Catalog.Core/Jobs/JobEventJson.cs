using System.Globalization;
using Catalog.Core.Identifiers;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Jobs;

/// <summary>
/// How job events are stored: the persisted type name and a JSON body whose numbers keep their integer/float kind
/// (written by Json.NET, read back by the Python-compatible parser), with the decision time in <c>at</c>.
/// </summary>
public static class JobEventJson
{
    public static string Serialize(JobEvent @event)
    {
        var body = @event switch
        {
            JobEvent.Created created => new JObject { ["spec"] = SpecJson(created.Spec) },
            JobEvent.Progressed progressed => new JObject { ["name"] = progressed.SentName, ["data"] = progressed.Data?.DeepClone() },
            JobEvent.Hidden hidden => new JObject { ["actor"] = hidden.Actor },
            JobEvent.Restored restored => new JObject { ["actor"] = restored.Actor },
            JobEvent.ArchiveCleared cleared => new JObject
            {
                ["actor"] = cleared.Actor, ["archive_system"] = cleared.ArchiveSystem, ["archive_path"] = cleared.ArchivePath,
            },
            JobEvent.TokenRotated rotated => new JObject { ["generation"] = rotated.Generation, ["actor"] = rotated.Actor },
            JobEvent.Joined joined => new JObject { ["group"] = joined.Group },
            JobEvent.Blocked blocked => new JObject
            {
                ["reason"] = blocked.Reason, ["actor"] = JobDecider.SystemActor, ["unmet_dependencies"] = UnmetJson(blocked.Unmet),
            },
            JobEvent.Unblocked => new JObject { ["actor"] = JobDecider.SystemActor },
            JobEvent.LineageReported reported => new JObject { ["openlineage"] = reported.Report.ToJson() },
            JobEvent.FilesIndexed indexed => new JObject { ["files"] = new JArray(indexed.Files.Select(FileJson)) },
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown job event"),
        };
        body["at"] = FormatTime(@event.At);
        return body.ToString(Formatting.None);
    }

    /// <summary>
    /// For deciding: like <see cref="Deserialize"/>, but the file lists of indexing events, which no decision reads,
    /// are not parsed (a big job has thousands of them).
    /// </summary>
    public static JobEvent DeserializeForState(string type, string json) =>
        type == JobEventTypes.FilesIndexed ? new JobEvent.FilesIndexed([]) { At = DateTimeOffset.MinValue } : Deserialize(type, json);

    public static JobEvent Deserialize(string type, string json)
    {
        var body = (JObject)PythonJson.Parse(json);
        var at = ParseTime(body["at"]);
        return type switch
        {
            JobEventTypes.Created => new JobEvent.Created(SpecOf((JObject)body["spec"]!)) { At = at },
            JobEventTypes.Hidden => new JobEvent.Hidden((string)body["actor"]!) { At = at },
            JobEventTypes.Restored => new JobEvent.Restored((string)body["actor"]!) { At = at },
            JobEventTypes.ArchiveCleared => new JobEvent.ArchiveCleared(
                (string)body["actor"]!, (string)body["archive_system"]!, (string)body["archive_path"]!) { At = at },
            JobEventTypes.Joined => new JobEvent.Joined((string)body["group"]!) { At = at },
            JobEventTypes.Blocked => new JobEvent.Blocked((string)body["reason"]!, UnmetOf(body["unmet_dependencies"])) { At = at },
            JobEventTypes.Unblocked => new JobEvent.Unblocked { At = at },
            JobEventTypes.LineageReported => new JobEvent.LineageReported(OpenLineage.OpenLineageReport.Of((JObject)body["openlineage"]!)) { At = at },
            JobEventTypes.TokenRotated => new JobEvent.TokenRotated((int)body["generation"]!, (string)body["actor"]!) { At = at },
            JobEventTypes.FilesIndexed => new JobEvent.FilesIndexed(((JArray)body["files"]!).Select(f => FileOf((JObject)f)).ToArray()) { At = at },
            _ when JobEventTypes.TryProgressedName(type, out var name) => new JobEvent.Progressed(
                name, (string)body["name"]!, body["data"] is { Type: not JTokenType.Null } data ? data : null) { At = at },
            _ => throw new InvalidDataException($"Unknown job event type '{type}'."),
        };
    }

    /// <summary>A time as <see cref="FormatTime"/> wrote it (the <c>at</c> of every stored event: jobs, groups, operations).</summary>
    public static DateTimeOffset ParseTime(JToken? value) =>
        DateTimeOffset.Parse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>ISO 8601 UTC with milliseconds, e.g. <c>2026-11-24T01:02:03.456Z</c>.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The spec as stored in the creation event and shown in the document. The catalog's own creation fields are
    /// written only when given, so a job created as python-datacatalog creates one is stored as before.
    /// </summary>
    public static JObject SpecJson(JobSpec spec)
    {
        var json = ReferenceSpecJson(spec);
        if (spec.Owner is not null)
        {
            json["owner"] = spec.Owner;
        }
        if (spec.Notes is not null)
        {
            json["notes"] = spec.Notes;
        }
        if (spec.Tags.Count > 0)
        {
            json["tags"] = new JArray(spec.Tags);
        }
        if (spec.Labels.Count > 0)
        {
            json["labels"] = LabelsJson(spec.Labels);
        }
        if (spec.MaxWallTime is { } maxWallTime)
        {
            json["max_wall_time"] = maxWallTime;
        }
        if (spec.AutoDelete)
        {
            json["auto_delete"] = true;
        }
        if (spec.CompletionTtl is { } ttl)
        {
            json["completion_ttl"] = ttl;
        }
        if (spec.Group is not null)
        {
            json["group"] = spec.Group;
        }
        if (spec.Names.Count > 0)
        {
            json["names"] = LabelsJson(spec.Names);
        }
        if (spec.DependsOn.Count > 0)
        {
            json["depends_on"] = DependsOnJson(spec.DependsOn);
        }
        return json;
    }

    /// <summary>Unmet dependencies as the 409 of a refused run and the <c>job.blocked</c> event show them.</summary>
    public static JArray UnmetJson(IEnumerable<UnmetDependency> unmet) => new(unmet.Select(u => new JObject
    {
        ["job"] = u.Job, ["when"] = u.When, ["state"] = u.State, ["blocked"] = u.Blocked, ["group"] = u.Group,
    }));

    private static UnmetDependency[] UnmetOf(JToken? json) => json is JArray list
        ? list.OfType<JObject>().Select(u => new UnmetDependency((string)u["job"]!, (string)u["when"]!, (string?)u["state"], (bool?)u["blocked"] ?? true)
        {
            Group = (string?)u["group"],
        }).ToArray()
        : [];

    public static JArray DependsOnJson(IEnumerable<JobDependency> dependencies) =>
        new(dependencies.Select(d => new JObject { ["job"] = d.Job, ["when"] = d.WhenWire }));

    public static JObject LabelsJson(IEnumerable<KeyValuePair<string, string>> labels) =>
        new(labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new JProperty(l.Key, l.Value)));

    private static JObject ReferenceSpecJson(JobSpec spec) => new()
    {
        ["uuid"] = spec.Uuid,
        ["pipeline_uuid"] = spec.PipelineUuid,
        ["data"] = spec.Data.DeepClone(),
        ["child_of"] = new JArray(spec.ChildOf),
        ["archive_path"] = spec.ArchivePath,
        ["archive_system"] = spec.ArchiveSystem,
        ["archive_patterns"] = spec.ArchivePatterns.DeepClone(),
        ["product_patterns"] = spec.ProductPatterns.DeepClone(),
        ["session"] = spec.Session,
        ["agent"] = spec.Agent,
        ["task"] = spec.Task,
        ["generated_by"] = new JArray(spec.GeneratedBy),
        ["acted_on"] = new JArray(spec.ActedOn),
        ["acted_using"] = new JArray(spec.ActedUsing),
    };

    public static JObject FileJson(IndexedFile file) => new()
    {
        ["uuid"] = file.Uuid,
        ["file_id"] = file.FileId,
        ["name"] = file.Name,
        ["storage_system"] = file.StorageSystem,
        ["level"] = file.Level,
        ["size"] = file.Size,
        ["checksum"] = file.Checksum,
        ["derived_from"] = new JArray(file.DerivedFrom),
        ["derived_using"] = new JArray(file.DerivedUsing),
    };

    private static IndexedFile FileOf(JObject json) => new()
    {
        Uuid = (string)json["uuid"]!,
        FileId = (string)json["file_id"]!,
        Name = (string)json["name"]!,
        StorageSystem = (string)json["storage_system"]!,
        Level = (string?)json["level"],
        Size = (long)json["size"]!,
        Checksum = (string?)json["checksum"],
        DerivedFrom = Strings(json["derived_from"]),
        DerivedUsing = Strings(json["derived_using"]),
    };

    public static JobSpec SpecOf(JObject json) => new()
    {
        Uuid = (string)json["uuid"]!,
        PipelineUuid = (string)json["pipeline_uuid"]!,
        Data = (JObject)json["data"]!,
        ChildOf = Strings(json["child_of"]),
        ArchivePath = (string)json["archive_path"]!,
        ArchiveSystem = (string)json["archive_system"]!,
        ArchivePatterns = json["archive_patterns"] as JArray ?? [],
        ProductPatterns = json["product_patterns"] as JArray ?? [],
        Session = (string?)json["session"],
        Agent = (string?)json["agent"],
        Task = (string?)json["task"],
        GeneratedBy = Strings(json["generated_by"]),
        ActedOn = Strings(json["acted_on"]),
        ActedUsing = Strings(json["acted_using"]),
        Owner = (string?)json["owner"],
        Notes = (string?)json["notes"],
        Tags = Strings(json["tags"]),
        Labels = new SortedDictionary<string, string>(
            (json["labels"] as JObject)?.Properties().ToDictionary(p => p.Name, p => (string)p.Value!) ?? [], StringComparer.Ordinal),
        MaxWallTime = (long?)json["max_wall_time"],
        AutoDelete = (bool?)json["auto_delete"] ?? false,
        CompletionTtl = (long?)json["completion_ttl"],
        Group = (string?)json["group"],
        Names = new SortedDictionary<string, string>(
            (json["names"] as JObject)?.Properties().ToDictionary(p => p.Name, p => (string)p.Value!) ?? [], StringComparer.Ordinal),
        DependsOn = (json["depends_on"] as JArray)?.OfType<JObject>()
            .Select(d => new JobDependency((string)d["job"]!, JobDependency.TryParseWhen((string?)d["when"], out var when) ? when : DependencyCondition.Success))
            .ToArray() ?? [],
    };

    private static string[] Strings(JToken? token) => token is JArray array ? array.Select(t => (string)t!).ToArray() : [];
}
