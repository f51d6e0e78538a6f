using Catalog.Core.EventStore;
using Catalog.Core.Identifiers;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Tests.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Lineage;

/// <summary>
/// A small provenance graph built through the real event path (jobs created, run, finished, indexed with their
/// files), unique per build. Edges, "from → to":
/// <code>
/// J1 → M1, M2 (child_of), P1 (generated_by)        F1, F2 → J1 (child_of, generated_by)
/// J2 → M3 (child_of), P1                            F3 → J2
/// J3 → S1 (child_of), P2, F2 (acted_on), R1 (acted_using)
///                                                   D1 → J3; D1 → F1, F3 (derived_from), R1 (derived_using)
///                                                   D2 → J3; D2 → D1 (derived_from)
/// J4 → S2 (child_of), P2                            C1, C2 → J4; C1 → C2 and C2 → C1 (derived_from: a cycle)
/// </code>
/// </summary>
public sealed record ProvenanceGraph(string Label, string P1, string P2, string S1, string S2, string M1, string M2, string M3,
    string R1, string J1, string J2, string J3, string J4, string F1, string F2, string F3, string D1, string D2, string C1,
    string C2, long LastPosition)
{
    public const string Actor = "admin:test";

    public string M1Identifier => $"measurement.tacc.0x{Label}01";

    public string S1Identifier => $"sample.tacc.{Label}-s1";

    /// <summary>Builds the graph; <paramref name="registerPipeline"/> stores a pipeline by name and answers its UUID.</summary>
    public static async Task<ProvenanceGraph> BuildAsync(JobService jobs, Func<string, Task<string>> registerPipeline,
        CancellationToken cancellationToken)
    {
        var label = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..4]);
        var p1 = await registerPipeline($"Alignment {label}");
        var p2 = await registerPipeline($"Aggregation {label}");
        var m1 = TypedUuid.Create(UuidType.Measurement, $"measurement.tacc.0x{label}01");
        var m2 = TypedUuid.Create(UuidType.Measurement, $"measurement.tacc.0x{label}02");
        var m3 = TypedUuid.Create(UuidType.Measurement, $"measurement.tacc.0x{label}03");
        var s1 = TypedUuid.Create(UuidType.Sample, $"sample.tacc.{label}-s1");
        var s2 = TypedUuid.Create(UuidType.Sample, $"sample.tacc.{label}-s2");
        var r1 = TypedUuid.Create(UuidType.Reference, $"agave://data-sd2e-community/reference/{label}/genome.fa");
        var f1 = File(label, "j1/a.bam");
        var f2 = File(label, "j1/b.bam");
        var f3 = File(label, "j2/c.bam");
        var d1 = File(label, "j3/merged.csv") with { DerivedFrom = Sorted(f1.Uuid, f3.Uuid), DerivedUsing = [r1] };
        var d2 = File(label, "j3/summary.csv") with { DerivedFrom = [d1.Uuid] };
        var c1 = File(label, "j4/left.json");
        var c2 = File(label, "j4/right.json");
        c1 = c1 with { DerivedFrom = [c2.Uuid] };
        c2 = c2 with { DerivedFrom = [c1.Uuid] };
        var (j1, _) = await RunJobAsync(jobs, Spec(p1, [m1, m2], label, "j1"), [f1, f2], cancellationToken);
        var (j2, _) = await RunJobAsync(jobs, Spec(p1, [m3], label, "j2"), [f3], cancellationToken);
        var (j3, _) = await RunJobAsync(jobs, Spec(p2, [s1], label, "j3") with { ActedOn = [f2.Uuid], ActedUsing = [r1] }, [d1, d2],
            cancellationToken);
        var (j4, last) = await RunJobAsync(jobs, Spec(p2, [s2], label, "j4"), [c1, c2], cancellationToken);
        return new ProvenanceGraph(label, p1, p2, s1, s2, m1, m2, m3, r1, j1, j2, j3, j4, f1.Uuid, f2.Uuid, f3.Uuid, d1.Uuid, d2.Uuid,
            c1.Uuid, c2.Uuid, last);
    }

    public static JobSpec Spec(string pipeline, string[] childOf, string label, string name)
    {
        var data = new JObject { ["label"] = label, ["step"] = name };
        string[] parents = Sorted(childOf);
        return new JobSpec
        {
            Uuid = JobIdentity.JobUuid(pipeline, parents, data),
            PipelineUuid = pipeline,
            Data = data,
            ChildOf = parents,
            ArchivePath = JobIdentity.ArchivePath(pipeline, parents, data),
            ArchiveSystem = JobRequest.DefaultArchiveSystem,
            GeneratedBy = [pipeline],
        };
    }

    /// <summary>Creates the job and drives it to INDEXING, records the files and finishes indexing.</summary>
    public static async Task<(string Uuid, long Position)> RunJobAsync(JobService jobs, JobSpec spec, IReadOnlyList<IndexedFile> files,
        CancellationToken cancellationToken)
    {
        await jobs.CreateAsync(spec, cancellationToken);
        JobCommand[] commands =
        [
            new JobCommand.Send("run", null), new JobCommand.Send("finish", null), new JobCommand.Send("index", null),
            new JobCommand.RecordFiles(files), new JobCommand.Send("indexed", null),
        ];
        var position = 0L;
        foreach (var command in commands)
        {
            position = await HandleAsync(jobs, spec.Uuid, command, cancellationToken);
        }
        return (spec.Uuid, position);
    }

    /// <summary>Handles a command as an admin and answers the position of its last event.</summary>
    public static async Task<long> HandleAsync(JobService jobs, string jobUuid, JobCommand command, CancellationToken cancellationToken)
    {
        var outcome = await jobs.HandleAsync(jobUuid, command, true, null, null, cancellationToken);
        Assert.Equal(JobOutcomeKind.Appended, outcome.Kind);
        return outcome.LastPosition;
    }

    public static IndexedFile File(string label, string path)
    {
        var name = $"/products/v2/{label}/{path}";
        return new IndexedFile
        {
            Uuid = FileIdentity.FileUuid(name),
            FileId = FileIdentity.FileId(name, JobRequest.DefaultArchiveSystem),
            Name = name,
            StorageSystem = JobRequest.DefaultArchiveSystem,
            Level = "1",
            Size = 42,
        };
    }

    private static string[] Sorted(params string[] uuids) => uuids.Order(StringComparer.Ordinal).ToArray();
}
