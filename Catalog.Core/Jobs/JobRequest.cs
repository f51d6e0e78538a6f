using System.Text.RegularExpressions;
using Catalog.Core.Requests;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Jobs;

/// <summary>A job-creation body (http-api.md, <c>POST /api/v1/jobs</c>), checked field by field.</summary>
public sealed partial record JobRequest
{
    public const string DefaultArchiveSystem = "data-sd2e-community";

    public static IReadOnlyList<string> MetadataFields { get; } =
        ["experiment_design_id", "experiment_id", "sample_id", "measurement_id"];

    /// <summary>The catalog's own creation fields: optional, none part of the job's UUID.</summary>
    public static IReadOnlyList<string> CatalogFields { get; } =
        ["owner", "notes", "tags", "labels", "max_wall_time", "auto_delete", "completion_ttl", "depends_on", "group"];

    // After CatalogFields: static members are initialised in the order they are written.
    private static readonly HashSet<string> KnownFields =
    [
        "pipeline_uuid", "data", "child_of", .. MetadataFields, "archive_path", "archive_system", "archive_patterns",
        "product_patterns", "instanced", "session", "agent", "task", "inputs", .. CatalogFields,
    ];

    /// <summary>The longest <c>max_wall_time</c> or <c>completion_ttl</c>: ten years of seconds.</summary>
    public const long MaxSeconds = 10L * 366 * 24 * 3600;

    // The other fields of python-datacatalog's job schema (a document read back and posted again carries them): accepted,
    // not read, and listed in the preview's ignored_fields. Anything else is a typo or a mistake: 422.
    private static readonly HashSet<string> ReferenceFields =
    [
        "uuid", "state", "last_event", "history", "updated", "generated_by", "acted_on", "acted_using", "derived_from",
        "_id", "_visible", "_admin", "_properties", "_salt",
    ];

    public required string PipelineUuid { get; init; }
    public JObject Data { get; init; } = [];
    public IReadOnlyList<string> ChildOf { get; init; } = [];
    public string? MetadataField { get; init; }
    public IReadOnlyList<string> MetadataIds { get; init; } = [];
    public string? ArchivePath { get; init; }
    public string ArchiveSystem { get; init; } = DefaultArchiveSystem;
    public JArray ArchivePatterns { get; init; } = [];
    public JArray ProductPatterns { get; init; } = [];
    public bool Instanced { get; init; }
    public string? Session { get; init; }
    public string? Agent { get; init; }
    public string? Task { get; init; }
    public IReadOnlyList<string> Inputs { get; init; } = [];
    public string? Owner { get; init; }
    public string? Notes { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public long? MaxWallTime { get; init; }
    public bool AutoDelete { get; init; }
    public long? CompletionTtl { get; init; }
    public IReadOnlyList<JobDependency> DependsOn { get; init; } = [];
    public string? Group { get; init; }

    /// <summary>The catalog's creation fields the body gave (with a value other than null).</summary>
    public IReadOnlySet<string> Given { get; init; } = new HashSet<string>();

    /// <summary>Top-level members of python-datacatalog's job schema this catalog does not read; ignored and reported back.</summary>
    public IReadOnlyList<string> IgnoredFields { get; init; } = [];

    /// <summary>Reads a request body; on failure returns every problem found, each naming its field.</summary>
    public static (JobRequest? Request, IReadOnlyList<string> Errors) Parse(JToken? body)
    {
        if (body is not JObject json)
        {
            return (null, [$"The body must be a JSON object, not {Describe(body)}."]);
        }
        var errors = new List<string>();
        var pipeline = json["pipeline_uuid"];
        string pipelineUuid = "";
        if (pipeline is null || pipeline.Type == JTokenType.Null)
        {
            errors.Add("pipeline_uuid: required (the UUID of a registered pipeline, prefix 106).");
        }
        else if (pipeline.Type != JTokenType.String)
        {
            errors.Add($"pipeline_uuid: must be a string, not {Describe(pipeline)}.");
        }
        else
        {
            pipelineUuid = (string)pipeline!;
        }

        var metadataField = MetadataFields.FirstOrDefault(f => json[f] is { Type: not JTokenType.Null });
        var request = new JobRequest
        {
            PipelineUuid = pipelineUuid,
            Data = Optional(json, "data", JTokenType.Object, errors) as JObject ?? [],
            ChildOf = StringList(json, "child_of", errors, allowSingle: false),
            MetadataField = metadataField,
            MetadataIds = metadataField is null ? [] : StringList(json, metadataField, errors, allowSingle: true),
            ArchivePath = ArchivePathOf(json, errors),
            ArchiveSystem = ArchiveSystemOf(json, errors),
            ArchivePatterns = Optional(json, "archive_patterns", JTokenType.Array, errors) as JArray ?? [],
            ProductPatterns = Optional(json, "product_patterns", JTokenType.Array, errors) as JArray ?? [],
            Instanced = Optional(json, "instanced", JTokenType.Boolean, errors)?.Value<bool>() ?? false,
            Session = SessionOf(json, errors),
            Agent = (string?)Optional(json, "agent", JTokenType.String, errors),
            Task = (string?)Optional(json, "task", JTokenType.String, errors),
            Inputs = StringList(json, "inputs", errors, allowSingle: false),
            Owner = OwnerOf(json, errors),
            Notes = NotesOf(json, errors),
            Tags = TagsOf(json, errors),
            Labels = LabelsOf(json, errors),
            MaxWallTime = SecondsOf(json, "max_wall_time", errors),
            AutoDelete = Optional(json, "auto_delete", JTokenType.Boolean, errors)?.Value<bool>() ?? false,
            CompletionTtl = SecondsOf(json, "completion_ttl", errors),
            DependsOn = DependsOnOf(json, errors),
            Group = GroupOf(json, errors),
            IgnoredFields = UnknownFields.Tolerated(json, KnownFields, ReferenceFields),
            Given = CatalogFields.Where(f => json[f] is { Type: not JTokenType.Null }).ToHashSet(),
        };
        errors.AddRange(UnknownFields.Errors(json, KnownFields, ReferenceFields));
        if (request.CompletionTtl is not null && !request.AutoDelete)
        {
            errors.Add("completion_ttl: applies only with auto_delete: true (the time after which the job is hidden).");
        }
        CheckPatterns(request.ArchivePatterns, "archive_patterns", errors);
        CheckPatterns(request.ProductPatterns, "product_patterns", errors);
        return errors.Count == 0 ? (request, []) : (null, errors);
    }

    private static JToken? Optional(JObject json, string field, JTokenType type, List<string> errors)
    {
        var value = json[field];
        if (value is null || value.Type == JTokenType.Null)
        {
            return null;
        }
        if (value.Type != type)
        {
            errors.Add($"{field}: must be {Article(type)}, not {Describe(value)}.");
            return null;
        }
        return value;
    }

    private static string[] StringList(JObject json, string field, List<string> errors, bool allowSingle)
    {
        var value = json[field];
        if (value is null || value.Type == JTokenType.Null)
        {
            return [];
        }
        if (allowSingle && value.Type == JTokenType.String)
        {
            return [(string)value!];
        }
        if (value is not JArray array || array.Any(item => item.Type != JTokenType.String))
        {
            errors.Add($"{field}: must be {(allowSingle ? "a string or " : "")}a list of strings, not {Describe(value)}.");
            return [];
        }
        return array.Select(item => (string)item!).ToArray();
    }

    private static string? ArchivePathOf(JObject json, List<string> errors)
    {
        var path = (string?)Optional(json, "archive_path", JTokenType.String, errors);
        if (path is null)
        {
            return null;
        }
        if (!path.StartsWith('/') || path.Split('/').Any(part => part is "." or "..") || path.Any(char.IsControl))
        {
            errors.Add("archive_path: must be an absolute path without '.' or '..' segments or control characters.");
        }
        return path;
    }

    // The session becomes a directory name under the archive path, so it must stay one path segment.
    private static string? SessionOf(JObject json, List<string> errors)
    {
        var session = (string?)Optional(json, "session", JTokenType.String, errors);
        if (session is not null && (session.Length > 128 || session is "." or ".." || session.Any(c => c is '/' or '\\' || char.IsControl(c))))
        {
            errors.Add("session: must be at most 128 characters, without '/', '\\' or control characters, and not '.' or '..'.");
        }
        return session;
    }

    private static string ArchiveSystemOf(JObject json, List<string> errors)
    {
        var system = (string?)Optional(json, "archive_system", JTokenType.String, errors);
        if (system is not null && !ArchiveSystemPattern().IsMatch(system))
        {
            errors.Add("archive_system: must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        return system ?? DefaultArchiveSystem;
    }

    private static string? OwnerOf(JObject json, List<string> errors)
    {
        var owner = (string?)Optional(json, "owner", JTokenType.String, errors);
        if (owner is not null && !JobEventData.IsName(owner))
        {
            errors.Add($"owner: must be 1-{JobEventData.MaxNameLength} characters without control characters.");
        }
        return owner;
    }

    private static string? NotesOf(JObject json, List<string> errors)
    {
        var notes = (string?)Optional(json, "notes", JTokenType.String, errors);
        if (notes is not null && notes.Length > JobEventData.MaxNotesLength)
        {
            errors.Add($"notes: at most {JobEventData.MaxNotesLength} characters.");
        }
        return notes is { Length: > 0 } ? notes : null;
    }

    private static string[] TagsOf(JObject json, List<string> errors)
    {
        var tags = StringList(json, "tags", errors, allowSingle: false);
        if (tags.Length > JobEventData.MaxTags)
        {
            errors.Add($"tags: at most {JobEventData.MaxTags}.");
        }
        errors.AddRange(tags.Select(JobEventData.TagProblem).OfType<string>().Select(p => $"tags: {p}"));
        return tags.Distinct().ToArray();
    }

    private static Dictionary<string, string> LabelsOf(JObject json, List<string> errors)
    {
        if (Optional(json, "labels", JTokenType.Object, errors) is not JObject labels)
        {
            return [];
        }
        if (labels.Count > JobEventData.MaxTags || labels.Properties().Any(p => p.Value.Type != JTokenType.String))
        {
            errors.Add($"labels: must be an object of at most {JobEventData.MaxTags} labels, each value a string.");
            return [];
        }
        errors.AddRange(labels.Properties().Select(p => JobEventData.LabelProblem(p.Name, (string)p.Value!)).OfType<string>().Select(p => $"labels: {p}"));
        return labels.Properties().ToDictionary(p => p.Name, p => (string)p.Value!, StringComparer.Ordinal);
    }

    private static string? GroupOf(JObject json, List<string> errors)
    {
        var text = (string?)Optional(json, "group", JTokenType.String, errors);
        if (text is null)
        {
            return null;
        }
        if (Identifiers.TypedUuid.TryParse(text, out var uuid) && Identifiers.UuidType.ClassifyCatalog(uuid) == Identifiers.UuidType.JobGroup)
        {
            return uuid;
        }
        errors.Add("group: must be the UUID of a group (prefix 112), from POST /api/v1/groups.");
        return null;
    }

    private static JobDependency[] DependsOnOf(JObject json, List<string> errors)
    {
        if (Optional(json, "depends_on", JTokenType.Array, errors) is not JArray list)
        {
            return [];
        }
        if (list.Count > JobDependency.MaxCount)
        {
            errors.Add($"depends_on: at most {JobDependency.MaxCount} dependencies.");
            return [];
        }
        var dependencies = new List<JobDependency>();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JObject entry)
            {
                errors.Add($"depends_on[{i}]: must be an object {{\"job\": job UUID, \"when\": \"success\"|\"failure\"|\"done\"|\"always\"}}, not {Describe(list[i])}.");
                continue;
            }
            errors.AddRange(UnknownFields.Errors(entry, new HashSet<string> { "job", "when" }).Select(e => $"depends_on[{i}].{e}"));
            var job = entry["job"] is { Type: JTokenType.String } text && Identifiers.TypedUuid.TryParse((string)text!, out var uuid)
                && Identifiers.UuidType.Classify(uuid) == Identifiers.UuidType.PipelineJob ? uuid : null;
            if (job is null)
            {
                errors.Add($"depends_on[{i}].job: required, the UUID of a job (prefix 107).");
            }
            var when = DependencyCondition.Success;
            if (entry["when"] is { Type: not JTokenType.Null } condition && !JobDependency.TryParseWhen(condition.Type == JTokenType.String ? (string?)condition : null, out when))
            {
                errors.Add($"depends_on[{i}].when: must be success, failure, done or always.");
            }
            if (job is not null)
            {
                dependencies.Add(new JobDependency(job, when));
            }
        }
        if (dependencies.GroupBy(d => d.Job).Any(g => g.Count() > 1))
        {
            errors.Add("depends_on: names a job more than once.");
        }
        return [.. dependencies];
    }

    private static long? SecondsOf(JObject json, string field, List<string> errors)
    {
        var value = json[field];
        if (value is null || value.Type == JTokenType.Null)
        {
            return null;
        }
        // A number too big for a long is read as a BigInteger: out of range like any other.
        var seconds = value.Type == JTokenType.Integer && ((JValue)value).Value is long whole ? whole : -1;
        if (seconds < 1 || seconds > MaxSeconds)
        {
            errors.Add($"{field}: must be a whole number of seconds from 1 to {MaxSeconds}, not {(value.Type == JTokenType.Integer ? RequestText(value) : Describe(value))}.");
            return null;
        }
        return seconds;
    }

    private static string RequestText(JToken value)
    {
        var text = value.ToString();
        return text.Length <= 24 ? text : text[..24] + "…";
    }

    private static void CheckPatterns(JArray patterns, string field, List<string> errors)
    {
        for (var i = 0; i < patterns.Count; i++)
        {
            if (patterns[i].Type != JTokenType.Object)
            {
                errors.Add($"{field}[{i}]: must be an object, not {Describe(patterns[i])}.");
            }
        }
    }

    private static string Article(JTokenType type) => type switch
    {
        JTokenType.Object => "an object",
        JTokenType.Array => "a list",
        JTokenType.Boolean => "true or false",
        _ => "a string",
    };

    internal static string Describe(JToken? token) => token?.Type switch
    {
        null or JTokenType.Null => "null",
        JTokenType.Object => "an object",
        JTokenType.Array => "a list",
        JTokenType.String => "a string",
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.Boolean => "a boolean",
        _ => token.Type.ToString().ToLowerInvariant(),
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex ArchiveSystemPattern();
}
