using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.OpenLineage;

/// <summary>
/// How OpenLineage's model maps onto the catalog's: a job (<c>namespace/name</c>) is a pipeline, a run a job of it,
/// a dataset a lineage node (the file itself when its namespace is one of the catalog's storage systems), a run's
/// state event a state event of its job. Pure.
/// </summary>
public static class OpenLineageMapping
{
    /// <summary>The pipeline an OpenLineage job is registered as: its id and name are <c>namespace/name</c>.</summary>
    public static JObject Pipeline(OpenLineageName job)
    {
        var document = new JObject
        {
            ["id"] = job.Label,
            ["name"] = job.Label,
            ["components"] = new JArray(new JObject
            {
                ["openlineage_job"] = new JObject { ["namespace"] = job.Namespace, ["name"] = job.Name },
            }),
        };
        if (job.Facets["documentation"]?["description"] is { Type: JTokenType.String } description)
        {
            document["description"] = description.DeepClone();
        }
        document["uuid"] = PipelineIdentity.Uuid(new JObject { ["components"] = document["components"]!.DeepClone(), ["id"] = job.Label });
        return document;
    }

    /// <summary>
    /// The creation request of a run's job: the pipeline and the run in its data, so the job's UUID is a typed UUID of
    /// namespace, name and run id; the run's parent, when it has one, is its group.
    /// </summary>
    public static JobRequest Job(string pipelineUuid, OpenLineageName job, string runId, string? group) => new()
    {
        PipelineUuid = pipelineUuid,
        Data = new JObject
        {
            ["openlineage"] = new JObject { ["namespace"] = job.Namespace, ["name"] = job.Name, ["run_id"] = runId },
        },
        Group = group,
    };

    /// <summary>The group a parent run's children join: one per parent run, named after it.</summary>
    public static string ParentGroupName(OpenLineageParent parent) => $"{parent.Namespace}/{parent.Name} run {parent.RunId}";

    /// <summary>
    /// The lineage node of a dataset: a file of the catalog (python-datacatalog's file UUID of its path) when its
    /// namespace is <c>agave://&lt;system&gt;</c> or a storage system of the catalog; otherwise a dataset node (prefix
    /// 113, which python-datacatalog leaves unused) of namespace and name.
    /// </summary>
    public static string DatasetUuid(string ns, string name, Func<string, bool> isStorageSystem)
    {
        var system = ns.StartsWith("agave://", StringComparison.Ordinal) ? ns["agave://".Length..].TrimEnd('/') : ns;
        if (system.Length > 0 && !system.Contains('/') && (system != ns || isStorageSystem(system)))
        {
            return FileIdentity.FileUuid(name.StartsWith('/') ? name : "/" + name);
        }
        return TypedUuid.Create(UuidType.Dataset, new JArray(ns, name).ToString(Formatting.None));
    }

    /// <summary>What a run event tells the job, its sensitive facets left out.</summary>
    public static OpenLineageReport Report(OpenLineageEvent @event, Func<string, bool> isStorageSystem)
    {
        var (runFacets, runRemoved) = OpenLineageRedaction.Split(@event.RunFacets, "run");
        var (jobFacets, jobRemoved) = OpenLineageRedaction.Split(@event.Job!.Facets, "job");
        var removed = new List<string>([.. runRemoved, .. jobRemoved]);
        OpenLineageDataset[] Datasets(IReadOnlyList<OpenLineageName> names, string where) => names.Select((d, i) =>
        {
            var (facets, gone) = OpenLineageRedaction.Split(d.Facets, $"{where}[{i}]");
            removed.AddRange(gone);
            return new OpenLineageDataset(DatasetUuid(d.Namespace, d.Name, isStorageSystem), d.Namespace, d.Name, facets);
        }).ToArray();
        var inputs = Datasets(@event.Inputs, "inputs");
        var outputs = Datasets(@event.Outputs, "outputs");
        return new OpenLineageReport
        {
            Namespace = @event.Job.Namespace,
            Name = @event.Job.Name,
            RunId = @event.RunId!,
            EventType = @event.EventType!,
            EventTime = @event.EventTime,
            Producer = @event.Producer,
            RunFacets = runFacets,
            JobFacets = jobFacets,
            Inputs = inputs,
            Outputs = outputs,
            Redacted = removed,
        };
    }

    /// <summary>
    /// The job events a run event of <paramref name="eventType"/> moves a job in <paramref name="state"/> through:
    /// START → run, RUNNING → update (run first, if the job was not running), COMPLETE → finish, FAIL → fail (each
    /// with the run it implies when the job never ran), ABORT → cancel, OTHER → update while running. A run that is
    /// over (or reset by an admin) takes none, so a late or repeated START never reopens it; a START while running
    /// adds nothing.
    /// </summary>
    public static IReadOnlyList<JobEventName> StateEvents(JobStatus state, string eventType) => (state, eventType) switch
    {
        (JobStatus.Created, "START" or "RUNNING") => [JobEventName.Run],
        (JobStatus.Created, "COMPLETE") => [JobEventName.Run, JobEventName.Finish],
        (JobStatus.Created, "FAIL") => [JobEventName.Run, JobEventName.Fail],
        (JobStatus.Created or JobStatus.Running, "ABORT") => [JobEventName.Cancel],
        (JobStatus.Running, "RUNNING" or "OTHER") => [JobEventName.Update],
        (JobStatus.Running, "COMPLETE") => [JobEventName.Finish],
        (JobStatus.Running, "FAIL") => [JobEventName.Fail],
        _ => [],
    };

    /// <summary>
    /// Whether a run event's report is recorded on a job in <paramref name="state"/>: while it is waiting or running,
    /// and, once its run is over, only for OTHER (OpenLineage's way of adding metadata to a finished run).
    /// </summary>
    public static bool Reports(JobStatus state, string eventType) =>
        state is JobStatus.Created or JobStatus.Running || (eventType == "OTHER" && state != JobStatus.Reset);
}
