using System.Text.Json.Nodes;

namespace Catalog.Attacks;

/// <summary>
/// The jobs the hostile requests aim at, kept apart by what may happen to them: event targets take events (their
/// state wanders), index targets are FINISHED jobs with an archive folder, sacrificial jobs take the destructive admin
/// routes (hide, purge, token rotation). Rotated-out tokens worked once and must not any more.
/// </summary>
internal sealed record HostileWorld(
    string PipelineUuid,
    IReadOnlyList<JobHandle> EventTargets,
    IReadOnlyList<JobHandle> IndexTargets,
    IReadOnlyList<JobHandle> Sacrificial,
    IReadOnlyList<string> RotatedOut,
    IReadOnlyList<string> ProjectionNames)
{
    private const int EventJobs = 24, IndexJobs = 4, SacrificialJobs = 24;

    public IEnumerable<JobHandle> AllJobs => EventTargets.Concat(IndexTargets).Concat(Sacrificial);

    public static async Task<HostileWorld> CreateAsync(SetupCalls calls, ArchiveFiles archive, ulong seed, CancellationToken cancellationToken)
    {
        var pipeline = await calls.CreatePipelineAsync($"hostile-{seed}", cancellationToken);
        var rotatedOut = new List<string>();
        var events = new List<JobHandle>();
        for (var i = 0; i < EventJobs; i++)
        {
            var job = await calls.CreateJobAsync(pipeline, cancellationToken);
            rotatedOut.Add(job.Token);
            events.Add(await calls.RotateAsync(job, cancellationToken));
        }
        var index = new List<JobHandle>();
        for (var i = 0; i < IndexJobs; i++)
        {
            var job = await calls.CreateJobAsync(pipeline, cancellationToken);
            await calls.EventAsync(job, "run", cancellationToken);
            await calls.EventAsync(job, "finish", cancellationToken);
            var document = await calls.GetAsync($"/api/v1/jobs/{job.Uuid}", cancellationToken);
            archive.Populate(document["archive_system"]?.GetValue<string>(), document["archive_path"]?.GetValue<string>());
            index.Add(job);
        }
        var sacrificial = new List<JobHandle>();
        for (var i = 0; i < SacrificialJobs; i++)
        {
            sacrificial.Add(await calls.CreateJobAsync(pipeline, cancellationToken));
        }
        var projections = await calls.GetAsync("/api/v1/admin/projections", cancellationToken);
        var list = projections as JsonArray ?? projections["items"]?.AsArray() ?? [];
        var names = list.Select(p => p?["name"]?.GetValue<string>()).OfType<string>().ToList();
        return new HostileWorld(pipeline, events, index, sacrificial, rotatedOut, names);
    }
}
