using Newtonsoft.Json.Linq;

namespace Catalog.Core.Jobs;

/// <summary>The job's rules as a pure function: which events a command produces from a state.</summary>
public static class JobDecider
{
    /// <summary>
    /// Decides a command against the current state. Never throws for a refused command: an unknown job, an unknown
    /// event name or a move the transition table forbids is a <see cref="JobRejection"/>, and nothing is appended.
    /// </summary>
    public static JobDecision Decide(JobState state, JobCommand command, DateTimeOffset now)
    {
        if (command is JobCommand.Create create)
        {
            return state.Exists ? JobDecision.Accept() : JobDecision.Accept(new JobEvent.Created(create.Spec) { At = now });
        }
        if (!state.Exists)
        {
            return JobDecision.Reject(new JobRejection(RejectionKind.UnknownJob, "No job with this UUID exists.", null, []));
        }
        if (state.Deleted && command is JobCommand.Send or JobCommand.Reset or JobCommand.Rerun or JobCommand.Join or JobCommand.ApplyLineage)
        {
            return JobDecision.Reject(new JobRejection(RejectionKind.UnknownJob,
                "This job was deleted; it takes no events until an admin undeletes it.", state.Status, []));
        }
        return command switch
        {
            JobCommand.Send send => DecideSend(state, send, now),
            JobCommand.Reset reset => DecideReset(state, reset, now),
            JobCommand.Rerun rerun => DecideRerun(state, rerun, now),
            JobCommand.Expire => DecideExpire(state, now),
            JobCommand.Retain => DecideRetain(state, now),
            JobCommand.CheckBlocked check => DecideBlocked(state, check, now),
            JobCommand.ApplyLineage lineage => DecideLineage(state, lineage, now),
            JobCommand.Join join when state.Group == join.Group => JobDecision.Accept(),
            JobCommand.Join when state.Group is not null => JobDecision.Reject(new JobRejection(RejectionKind.Conflict,
                $"The job is a member of group {state.Group}; a job belongs to one group.", state.Status, [])),
            JobCommand.Join join => JobDecision.Accept(new JobEvent.Joined(join.Group) { At = now }),
            JobCommand.Hide hide => state.Deleted
                ? JobDecision.Accept()
                : JobDecision.Accept(new JobEvent.Hidden(hide.Actor) { At = now }),
            JobCommand.Restore restore => state.Deleted
                ? JobDecision.Accept(new JobEvent.Restored(restore.Actor) { At = now })
                : JobDecision.Accept(),
            JobCommand.RecordFiles record => state.Status == JobStatus.Indexing
                ? JobDecision.Accept(new JobEvent.FilesIndexed(record.Files) { At = now })
                : JobDecision.Reject(new JobRejection(RejectionKind.Forbidden,
                    $"Files can be recorded only while the job is INDEXING, not {state.Status.Wire()}.", state.Status,
                    JobTransitions.Allowed(state.Status))),
            JobCommand.RotateToken rotate =>
                JobDecision.Accept(new JobEvent.TokenRotated(state.TokenGeneration + 1, rotate.Actor) { At = now }),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unknown job command"),
        };
    }

    // Every state accepts reset; the archive folder is emptied only after the reset is recorded, and the reset
    // records that it will be, so the files projection can mark the job's files as gone.
    private static JobDecision DecideReset(JobState state, JobCommand.Reset reset, DateTimeOffset now)
    {
        var decision = DecideSend(state, new JobCommand.Send(JobEventName.Reset.Wire(), reset.Data), now);
        return decision.IsRejected || !reset.ClearArchive
            ? decision
            : JobDecision.Accept([.. decision.Events, new JobEvent.ArchiveCleared(reset.Actor, state.Spec!.ArchiveSystem, state.Spec.ArchivePath) { At = now }]);
    }

    // Reset is accepted in every state and ready after it, so a rerun is refused only for what refuses any event.
    private static JobDecision DecideRerun(JobState state, JobCommand.Rerun rerun, DateTimeOffset now)
    {
        if (rerun.OnlyIn is { } only && state.Status != only)
        {
            return JobDecision.Accept();
        }
        var data = new JObject { ["rerun"] = true, ["reason"] = rerun.Reason, ["actor"] = rerun.Actor };
        if (rerun.Operation is not null)
        {
            data["operation"] = rerun.Operation;
        }
        var reset = DecideSend(state, new JobCommand.Send(JobEventName.Reset.Wire(), data), now);
        if (reset.IsRejected)
        {
            return reset;
        }
        var ready = DecideSend(reset.Events.Aggregate(state, JobState.Evolve), new JobCommand.Send(JobEventName.Ready.Wire(), data.DeepClone()), now);
        return ready.IsRejected ? ready : JobDecision.Accept([.. reset.Events, .. ready.Events]);
    }

    // The state events an OpenLineage run event implies, each checked by the table as if an agent had sent it, then its
    // report; a run that is over takes neither (but OTHER's report), so a late event changes nothing but the log.
    private static JobDecision DecideLineage(JobState state, JobCommand.ApplyLineage lineage, DateTimeOffset now)
    {
        var report = lineage.Report;
        var events = new List<JobEvent>();
        var current = state;
        foreach (var name in OpenLineage.OpenLineageMapping.StateEvents(state.Status, report.EventType))
        {
            var data = new JObject
            {
                ["openlineage"] = new JObject
                {
                    ["event_type"] = report.EventType, ["event_time"] = JobEventJson.FormatTime(report.EventTime), ["run_id"] = report.RunId,
                },
            };
            var step = DecideSend(current, new JobCommand.Send(name.Wire(), data), now);
            if (step.IsRejected)
            {
                return step;
            }
            events.AddRange(step.Events);
            current = step.Events.Aggregate(current, JobState.Evolve);
        }
        if (OpenLineage.OpenLineageMapping.Reports(state.Status, report.EventType))
        {
            events.Add(new JobEvent.LineageReported(report) { At = now });
        }
        return JobDecision.Accept([.. events]);
    }

    // A precondition of run, checked after the table (whose cells stay as they are), only for jobs that declared any.
    // A sequential group's member waits for the member before it as for a `success` dependency.
    private static List<UnmetDependency> UnmetDependencies(JobState state, IReadOnlyDictionary<string, JobStatus?> dependencies,
        GroupPredecessor? predecessor)
    {
        var unmet = state.Spec!.DependsOn
            .Select(d => (Dependency: d, State: dependencies.GetValueOrDefault(d.Job)))
            .Where(d => !d.Dependency.IsMet(d.State))
            .Select(d => new UnmetDependency(d.Dependency.Job, d.Dependency.WhenWire, d.State?.Wire(), d.Dependency.IsUnmeetable(d.State)))
            .ToList();
        if (predecessor is { } before && new JobDependency(before.Job, DependencyCondition.Success) is var wait && !wait.IsMet(before.State))
        {
            unmet.Add(new UnmetDependency(before.Job, wait.WhenWire, before.State.Wire(), wait.IsUnmeetable(before.State)) { Group = before.Group });
        }
        return unmet;
    }

    private static string Describe(UnmetDependency unmet) =>
        $"{unmet.Job}{(unmet.Group is null ? "" : $" (the member before it in sequential group {unmet.Group})")} must be {unmet.When} " +
        $"but {(unmet.State is null ? "does not exist" : $"is {unmet.State}")}" +
        (unmet.Blocked ? " (it cannot be met unless that job is reset)" : "");

    /// <summary>The actor of what the catalog decides by itself.</summary>
    public const string SystemActor = "system";

    /// <summary>When a running job's <c>max_wall_time</c> is up (null when it has none or is not running).</summary>
    public static DateTimeOffset? Deadline(JobState state) =>
        state is { Status: JobStatus.Running, Started: { } started, Spec.MaxWallTime: { } seconds } ? started.AddSeconds(seconds) : null;

    /// <summary>When an <c>auto_delete</c> job is to be hidden (null when it is not one, is hidden, or its run is not over).</summary>
    public static DateTimeOffset? RetentionEnd(JobState state) =>
        state is { Deleted: false, Spec.AutoDelete: true } && JobTransitions.IsTerminal(state.Status)
            ? state.Updated.AddSeconds(state.Spec.CompletionTtl ?? 0)
            : null;

    // Only a job waiting to run is blocked; the reason names every dependency that can no longer be met.
    private static JobDecision DecideBlocked(JobState state, JobCommand.CheckBlocked check, DateTimeOffset now)
    {
        if (state.Status != JobStatus.Created || state.Deleted)
        {
            return JobDecision.Accept();
        }
        var blocking = UnmetDependencies(state, check.Dependencies, check.Predecessor).Where(u => u.Blocked).ToList();
        if (blocking.Count == 0)
        {
            return state.BlockedReason is null ? JobDecision.Accept() : JobDecision.Accept(new JobEvent.Unblocked { At = now });
        }
        var reason = $"Dependencies can no longer be met: {string.Join("; ", blocking.Select(Describe))}.";
        return reason == state.BlockedReason ? JobDecision.Accept() : JobDecision.Accept(new JobEvent.Blocked(reason, blocking) { At = now });
    }

    // Decided on the job's own stream: a job that moved on (finished, was readied, got a later event) is left alone.
    private static JobDecision DecideExpire(JobState state, DateTimeOffset now) =>
        Deadline(state) is { } deadline && now >= deadline
            ? JobDecision.Accept(new JobEvent.Progressed(JobEventName.Expire, JobEventName.Expire.Wire(), new JObject
            {
                ["reason"] = "max_wall_time exceeded",
                ["max_wall_time"] = state.Spec!.MaxWallTime,
                ["started"] = JobEventJson.FormatTime(state.Started!.Value),
                ["actor"] = SystemActor,
            }) { At = now })
            : JobDecision.Accept();

    private static JobDecision DecideRetain(JobState state, DateTimeOffset now) =>
        RetentionEnd(state) is { } end && now >= end
            ? JobDecision.Accept(new JobEvent.Hidden(SystemActor) { At = now })
            : JobDecision.Accept();

    private static JobDecision DecideSend(JobState state, JobCommand.Send send, DateTimeOffset now)
    {
        var allowed = JobTransitions.Allowed(state.Status);
        var current = state.Status.Wire();
        if (!JobNames.TryParseEvent(send.Name, out var name))
        {
            return JobDecision.Reject(new JobRejection(
                RejectionKind.UnknownEvent,
                $"'{send.Name}' is not a job event. Known events: {string.Join(", ", JobNames.AllEvents)}. " +
                $"In state {current} the job accepts: {string.Join(", ", allowed)}.",
                state.Status,
                allowed));
        }
        if (JobTransitions.IsSystem(name))
        {
            return JobDecision.Reject(new JobRejection(
                RejectionKind.Forbidden,
                $"Event '{name.Wire()}' is sent by the catalog itself (when a run outlives its max_wall_time), not by agents or admins.",
                state.Status,
                allowed));
        }
        if (JobTransitions.Next(state.Status, name) is null)
        {
            return JobDecision.Reject(new JobRejection(
                RejectionKind.Forbidden,
                $"Event '{name.Wire()}' is not allowed in state {current}. Allowed: {string.Join(", ", allowed)}.",
                state.Status,
                allowed));
        }
        var problems = JobEventData.Problems(name, send.Data);
        if (problems.Count == 0 && JobTransitions.IsAnnotation(name))
        {
            problems = JobEventData.LimitProblems(state, name, send.Data);
        }
        if (problems.Count > 0)
        {
            return JobDecision.Reject(new JobRejection(
                RejectionKind.InvalidData,
                $"The data of '{name.Wire()}' is not valid: {string.Join(" ", problems)}",
                state.Status,
                allowed) { Errors = problems });
        }
        if (name == JobEventName.Run && UnmetDependencies(state, send.Dependencies, send.Predecessor) is { Count: > 0 } unmet)
        {
            return JobDecision.Reject(new JobRejection(
                RejectionKind.UnmetDependencies,
                $"The job cannot run before its dependencies are met: {string.Join("; ", unmet.Select(Describe))}.",
                state.Status,
                allowed) { Unmet = unmet });
        }
        return JobDecision.Accept(new JobEvent.Progressed(name, send.Name, send.Data) { At = now });
    }
}
