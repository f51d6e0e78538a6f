namespace Catalog.Core.Identifiers;

/// <summary>
/// One of the 24 python-datacatalog TypedUUID kinds: its snake_case name, its 3-digit prefix and its title.
/// </summary>
public sealed class UuidType
{
    public static readonly UuidType Generic = new("generic", "100", "Generic Data Catalog Record");
    public static readonly UuidType ChallengeProblem = new("challenge_problem", "101", "Challenge Problem");
    public static readonly UuidType Experiment = new("experiment", "102", "Experiment");
    public static readonly UuidType Sample = new("sample", "103", "Sample");
    public static readonly UuidType Measurement = new("measurement", "104", "Measurement");
    public static readonly UuidType File = new("file", "105", "File Metadata");
    public static readonly UuidType Pipeline = new("pipeline", "106", "Pipeline");
    public static readonly UuidType PipelineJob = new("pipelinejob", "107", "PipelineJob");
    public static readonly UuidType PipelineJobEvent = new("pipelinejob_event", "108", "PipelineJob Event");
    public static readonly UuidType Reference = new("reference", "109", "Named Reference File or URI");
    public static readonly UuidType Product = new("product", "110", "Output from a PipelineJob");
    public static readonly UuidType Upload = new("upload", "111", "Uploaded File");
    public static readonly UuidType ExperimentDesign = new("experiment_design", "114", "Experiment Design or Request");
    public static readonly UuidType InputClassifier = new("input_classifier", "115", "Input File Classifier");
    public static readonly UuidType Fixity = new("fixity", "116", "File Fixity");
    public static readonly UuidType Process = new("process", "117", "Named Computational Process");
    public static readonly UuidType Annotation = new("annotation", "118", "User-contributed Free-text Annotation");
    public static readonly UuidType InlineAnnotation = new("inline_annotation", "119", "Machine-generated Free-text Annotation");
    public static readonly UuidType Query = new("query", "120", "Redash Query");
    public static readonly UuidType Dashboard = new("dashboard", "121", "Redash Dashboard");
    public static readonly UuidType TagAnnotation = new("tag_annotation", "122", "Tag Annotation");
    public static readonly UuidType TextAnnotation = new("text_annotation", "123", "Text Annotation");
    public static readonly UuidType Association = new("association", "124", "Annotation Association");
    public static readonly UuidType StructuredRequest = new("structured_request", "125", "Structured Experiment Request");

    /// <summary>
    /// The catalog's own job groups: a prefix python-datacatalog leaves unused (it has no 112), so no identifier it makes
    /// can collide with one. Not one of <see cref="All"/>: <see cref="Classify"/> and python-datacatalog's
    /// typed-UUID checks do not know it; <see cref="ClassifyCatalog"/> does.
    /// </summary>
    public static readonly UuidType JobGroup = new("job_group", "112", "Job Group");

    /// <summary>
    /// The catalog's OpenLineage datasets that are not files of its own: the other prefix python-datacatalog leaves
    /// unused. Like <see cref="JobGroup"/>, known to <see cref="ClassifyCatalog"/> only.
    /// </summary>
    public static readonly UuidType Dataset = new("dataset", "113", "OpenLineage Dataset");

    public static IReadOnlyList<UuidType> All { get; } =
    [
        Generic, ChallengeProblem, Experiment, Sample, Measurement, File, Pipeline, PipelineJob, PipelineJobEvent,
        Reference, Product, Upload, ExperimentDesign, InputClassifier, Fixity, Process, Annotation, InlineAnnotation,
        Query, Dashboard, TagAnnotation, TextAnnotation, Association, StructuredRequest,
    ];

    private static readonly Dictionary<string, UuidType> _byName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);
    private static readonly Dictionary<string, UuidType> _byPrefix = All.ToDictionary(t => t.Prefix, StringComparer.Ordinal);

    private UuidType(string name, string prefix, string title)
    {
        Name = name;
        Prefix = prefix;
        Title = title;
    }

    public string Name { get; }

    public string Prefix { get; }

    public string Title { get; }

    /// <summary>The type with this snake_case name, e.g. "pipelinejob_event"; null when unknown.</summary>
    public static UuidType? FromName(string? name) =>
        name is not null && _byName.TryGetValue(name, out var type) ? type : null;

    /// <summary>The type with this 3-digit prefix, e.g. "107"; null when unknown.</summary>
    public static UuidType? FromPrefix(string? prefix) =>
        prefix is not null && _byPrefix.TryGetValue(prefix, out var type) ? type : null;

    /// <summary>
    /// Classifies a UUID string by its first three characters, lower-cased, like Python's get_uuidtype: no format check.
    /// </summary>
    public static UuidType? Classify(string? uuid) =>
        uuid is { Length: >= 3 } ? FromPrefix(uuid[..3].ToLowerInvariant()) : null;

    /// <summary>Like <see cref="Classify"/>, and also the catalog's own <see cref="JobGroup"/>.</summary>
    public static UuidType? ClassifyCatalog(string? uuid) =>
        Classify(uuid) ?? (uuid is { Length: >= 3 }
            ? uuid.StartsWith(JobGroup.Prefix, StringComparison.Ordinal) ? JobGroup : uuid.StartsWith(Dataset.Prefix, StringComparison.Ordinal) ? Dataset : null
            : null);

    public override string ToString() => Name;
}
