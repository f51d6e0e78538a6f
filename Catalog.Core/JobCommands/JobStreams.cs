using Catalog.Core.EventStore;
using Catalog.Core.Groups;
using Catalog.Core.Jobs;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Core.JobCommands;

/// <summary>
/// Reads a job's state for the command shell: its stream folded, or the state this node kept from its last append to
/// it (<see cref="JobHeads"/>), which only the stream's head can confirm: another node may have written since.
/// </summary>
public sealed class JobStreams(Store store, int capacity)
{
    private readonly JobHeads _kept = new(capacity);

    /// <summary>The state kept from this node's last append, unconfirmed; null when none is kept.</summary>
    public JobState? Kept(string jobUuid) => _kept.Get(jobUuid);

    public void Keep(string jobUuid, JobState state) => _kept.Set(jobUuid, state);

    public void Forget(string jobUuid) => _kept.Forget(jobUuid);

    /// <summary>The job as its stream folds now; <see cref="JobState.Exists"/> is false when there is no such job.</summary>
    public async Task<JobState> LoadAsync(string jobUuid, CancellationToken cancellationToken) =>
        Kept(jobUuid) is { } kept && await IsCurrentAsync(jobUuid, kept, cancellationToken) ? kept : await FoldAsync(jobUuid, cancellationToken);

    /// <summary>The kept state (<c>Kept</c> true, unconfirmed), else the stream folded.</summary>
    public async Task<(JobState State, bool Kept)> PeekAsync(string jobUuid, CancellationToken cancellationToken) =>
        Kept(jobUuid) is { } kept ? (kept, true) : (await FoldAsync(jobUuid, cancellationToken), false);

    /// <summary>Reads and folds the whole stream, and keeps the state of a job that exists.</summary>
    public async Task<JobState> FoldAsync(string jobUuid, CancellationToken cancellationToken)
    {
        var loaded = await store.LoadStreamAsync(jobUuid, cancellationToken);
        var state = loaded.Events.Select(e => JobEventJson.DeserializeForState(e.Type, e.Data))
            .Aggregate(JobState.Initial with { Incarnation = loaded.Head.Incarnation }, JobState.Evolve);
        if (state.Exists)
        {
            Keep(jobUuid, state);
        }
        return state;
    }

    /// <summary>Whether the stream is still at the kept state's version and incarnation.</summary>
    public async Task<bool> IsCurrentAsync(string jobUuid, JobState kept, CancellationToken cancellationToken) =>
        await store.HeadOfAsync(jobUuid, cancellationToken) == new StreamHead(kept.Version, kept.Incarnation);

    /// <summary>
    /// A <c>run</c> of a job with <c>depends_on</c>, with the state of each job it depends on as its stream folds now
    /// (never a projection); any other command as it is.
    /// </summary>
    public async Task<JobCommand> WithDependenciesAsync(JobState state, JobCommand command, CancellationToken cancellationToken)
    {
        // Most jobs wait for nothing: that is checked before the event's name is parsed (every webhook event comes here).
        if (state.Spec is not { } spec || (spec.DependsOn.Count == 0 && state.Group is null)
            || (command is not JobCommand.CheckBlocked
                && !(command is JobCommand.Send run && JobNames.TryParseEvent(run.Name, out var name) && name == JobEventName.Run)))
        {
            return command;
        }
        var states = new Dictionary<string, JobStatus?>(StringComparer.Ordinal);
        foreach (var dependency in spec.DependsOn)
        {
            var other = await LoadAsync(dependency.Job, cancellationToken);
            states[dependency.Job] = other is { Exists: true, Deleted: false } ? other.Status : null;
        }
        var predecessor = await PredecessorAsync(spec.Uuid, state.Group, cancellationToken);
        return command is JobCommand.Send send
            ? send with { Dependencies = states, Predecessor = predecessor }
            : new JobCommand.CheckBlocked { Dependencies = states, Predecessor = predecessor };
    }

    /// <summary>
    /// In a sequential group, the nearest member listed before the job that is still one of its members (it exists,
    /// is not hidden and names this group): a purged or hidden member holds nobody back.
    /// </summary>
    private async Task<GroupPredecessor?> PredecessorAsync(string jobUuid, string? groupUuid, CancellationToken cancellationToken)
    {
        if (groupUuid is null || await GroupService.LoadAsync(store, groupUuid, cancellationToken) is not { Kind: GroupKind.Sequential } group)
        {
            return null;
        }
        foreach (var member in group.Before(jobUuid))
        {
            if (await LoadAsync(member, cancellationToken) is { Exists: true, Deleted: false } other && other.Group == groupUuid)
            {
                return new GroupPredecessor(groupUuid, member, other.Status);
            }
        }
        return null;
    }
}
