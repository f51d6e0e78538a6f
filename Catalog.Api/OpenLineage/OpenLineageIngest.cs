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
                var (pipeline, _) = await pipelines.RegisterAsync(OpenLineageMapping.Pipeline(@event.Job!), cancellationToken);
                var kept = await log.KeepAsync(@event, null, actor.ToString(), cancellationToken);
                var answer = Answer(@event, kept, "The job is registered as a pipeline; its static metadata is kept in the OpenLineage log.");
                answer["pipeline_uuid"] = pipeline["uuid"]!.DeepClone();
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
        var (pipeline, _) = await pipelines.RegisterAsync(OpenLineageMapping.Pipeline(@event.Job!), cancellationToken);
        var pipelineUuid = (string)pipeline["uuid"]!;
        string? group = null;
        if (@event.Parent is { } parent)
        {
            // The parent run's group stands for it until (and after) its own events arrive, as a placeholder.
            var name = OpenLineageMapping.ParentGroupName(parent);
            group = GroupService.Uuid(name, null);
            var made = await groups.HandleAsync(group, new GroupCommand.Create(name, GroupKind.Parallel, null), actor, cancellationToken);
            if (made.Rejection is { } refused)
            {
                return IngestResult.Refused([$"run.facets.parent: {refused.Message}"]);
            }
        }
        var request = OpenLineageMapping.Job(pipelineUuid, @event.Job!, @event.RunId!, group);
        var (preview, error) = JobPlanner.Preview(request, clock.GetUtcNow().UtcDateTime, SessionNames.Next);
        if (preview is null)
        {
            return IngestResult.Refused([error!]);
        }
        var spec = JobCreation.Spec(request, preview);
        var existing = await jobs.LoadAsync(spec.Uuid, cancellationToken);
        if (!existing.Exists && group is not null && await JobCreation.JoinFirstAsync(spec, group, actor, jobs, groups, cancellationToken) is { } groupProblem)
        {
            return IngestResult.Refused(["run.facets.parent: the parent run's group cannot be joined."]);
        }
        if (!existing.Exists && await jobs.CreateOrAttachAsync(spec, cancellationToken, actor) is { Kind: JobOutcomeKind.Unstorable } unstorable)
        {
            return IngestResult.Refused([$"The run cannot be stored: {unstorable.Problem}."]);
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
