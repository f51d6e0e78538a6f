using Catalog.Api.Jobs;
using Catalog.Core.Groups;
using Catalog.Core.Indexing;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Core.OpenLineage;
using Catalog.Core.Pipelines;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.OpenLineage;

/// <summary>What one OpenLineage event did: the answer to its sender, or why it was refused (and whether to send it again).</summary>
public sealed record IngestResult(JObject? Answer, bool Kept, IReadOnlyList<string> Problems, bool Retriable = false)
{
    public static IngestResult Refused(IReadOnlyList<string> problems, bool retriable = false) => new(null, false, problems, retriable);
}

/// <summary>
/// Records OpenLineage events as the catalog's own (<see cref="OpenLineageMapping"/>): the job's pipeline registered,
/// the run's job created (in its parent run's group), the event kept in the OpenLineage log, then the run event
/// decided on the job's stream with the event's fingerprint as its delivery key, so a repeat records nothing new and a
/// retry after a crash completes what the first delivery began.
/// </summary>
public sealed class OpenLineageIngest(JobService jobs, GroupService groups, PipelineStore pipelines, OpenLineageLog log,
    ArchiveStorage storage, TimeProvider clock)
{
    public async Task<IngestResult> RecordAsync(JToken? body, JobActor actor, CancellationToken cancellationToken)
    {
        var (@event, problems) = OpenLineageEvent.Read(body);
        if (@event is null)
        {
            return IngestResult.Refused(problems);
        }
        switch (@event.Kind)
        {
            case OpenLineageKind.Job:
            {
                var pipeline = await PipelineAsync(@event.Job!, cancellationToken);
                var kept = await log.KeepAsync(@event, null, actor.ToString(), cancellationToken);
                var answer = Answer(@event, kept, "The job is registered as a pipeline; its static metadata is kept in the OpenLineage log.");
                answer["pipeline_uuid"] = pipeline;
                return new IngestResult(answer, kept, []);
            }
            case OpenLineageKind.Dataset:
            {
                var kept = await log.KeepAsync(@event, null, actor.ToString(), cancellationToken);
                var answer = Answer(@event, kept, "The dataset's metadata is kept in the OpenLineage log.");
                answer["dataset_uuid"] = OpenLineageMapping.DatasetUuid(@event.Dataset!.Namespace, @event.Dataset.Name, storage.IsSystem);
                return new IngestResult(answer, kept, []);
            }
            default:
                return await RecordRunAsync(@event, actor, cancellationToken);
        }
    }

    private async Task<IngestResult> RecordRunAsync(OpenLineageEvent @event, JobActor actor, CancellationToken cancellationToken)
    {
        var pipelineUuid = await PipelineAsync(@event.Job!, cancellationToken);
        // The parent run's group stands for it until (and after) its own events arrive, as a placeholder.
        var groupName = @event.Parent is { } parent ? OpenLineageMapping.ParentGroupName(parent) : null;
        var group = groupName is null ? null : GroupService.Uuid(groupName, null);
        var request = OpenLineageMapping.Job(pipelineUuid, @event.Job!, @event.RunId!, group);
        var (preview, error) = JobPlanner.Preview(request, clock.GetUtcNow().UtcDateTime, SessionNames.Next);
        if (preview is null)
        {
            return IngestResult.Refused([error!]);
        }
        var spec = JobCreation.Spec(request, preview);
        // The run's later events find its job as this node's last append left it, without reading its stream.
        var (existing, _) = await jobs.PeekAsync(spec.Uuid, cancellationToken);
        if (!existing.Exists && await CreateAsync(spec, groupName, actor, cancellationToken) is { } refused)
        {
            return IngestResult.Refused([refused]);
        }
        var kept = await log.KeepAsync(@event, spec.Uuid, actor.ToString(), cancellationToken);
        var report = OpenLineageMapping.Report(@event, storage.IsSystem);
        var outcome = await jobs.HandleAsync(spec.Uuid, new JobCommand.ApplyLineage(report, @event.Fingerprint), JobCaller.AdminAs(actor),
            "openlineage:" + @event.Fingerprint, cancellationToken);
        var state = outcome.State ?? await jobs.LoadAsync(spec.Uuid, cancellationToken);
        var note = outcome.Kind switch
        {
            JobOutcomeKind.Appended => $"Recorded on job {spec.Uuid}.",
            JobOutcomeKind.Replayed => "This event was recorded before; nothing new was recorded.",
            JobOutcomeKind.NotFound => $"Job {spec.Uuid} was deleted; the event is kept in the OpenLineage log only.",
            JobOutcomeKind.Rejected => $"The job did not take the event ({outcome.Rejection!.Message}); it is kept in the OpenLineage log only.",
            _ => $"The run is {state.Status.Wire()}, so this {report.EventType} event changes nothing; it is kept in the OpenLineage log only.",
        };
        var answer = Answer(@event, kept && outcome.Kind != JobOutcomeKind.Replayed, note);
        answer["job_uuid"] = spec.Uuid;
        answer["pipeline_uuid"] = pipelineUuid;
        answer["group_uuid"] = group;
        answer["state"] = state.Exists ? state.Status.Wire() : null;
        answer["applied"] = outcome.Kind == JobOutcomeKind.Appended;
        return new IngestResult(answer, kept, []);
    }

    // An OpenLineage job's pipeline is registered once: its document never changes, so a known UUID needs nothing.
    private async Task<string> PipelineAsync(OpenLineageName job, CancellationToken cancellationToken)
    {
        var document = OpenLineageMapping.Pipeline(job);
        var uuid = (string)document["uuid"]!;
        if (!await pipelines.ExistsAsync(uuid, cancellationToken))
        {
            await pipelines.RegisterAsync(document, cancellationToken);
        }
        return uuid;
    }

    // A run's job is created at its first event, listed first in its parent run's group (created as a placeholder).
    private async Task<string?> CreateAsync(JobSpec spec, string? groupName, JobActor actor, CancellationToken cancellationToken)
    {
        if (groupName is not null)
        {
            var made = await groups.HandleAsync(spec.Group!, new GroupCommand.Create(groupName, GroupKind.Parallel, null), actor, cancellationToken);
            if (made.Rejection is { } refused)
            {
                return $"run.facets.parent: {refused.Message}";
            }
            if (await JobCreation.JoinFirstAsync(spec, spec.Group!, actor, jobs, groups, cancellationToken) is not null)
            {
                return "run.facets.parent: the parent run's group cannot be joined.";
            }
        }
        return await jobs.CreateOrAttachAsync(spec, cancellationToken, actor) is { Kind: JobOutcomeKind.Unstorable } unstorable
            ? $"The run cannot be stored: {unstorable.Problem}."
            : null;
    }

    private static JObject Answer(OpenLineageEvent @event, bool recorded, string note) => new()
    {
        ["kind"] = @event.Kind.Wire(),
        ["event_type"] = @event.EventType,
        ["run_id"] = @event.RunId,
        ["fingerprint"] = @event.Fingerprint,
        ["duplicate"] = !recorded,
        ["note"] = note,
    };
}
