using Catalog.Core.EventStore;
using Catalog.Core.Identifiers;
using Catalog.Core.JobCommands;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Core.Groups;

/// <summary>What became of a group command.</summary>
public sealed record GroupOutcome(GroupState State, bool Appended, GroupRejection? Rejection = null, string? Unstorable = null);

/// <summary>
/// The command shell for groups, the job shell's twin: load the group's stream, fold, decide, append with the expected
/// version; a version conflict decides again on the new state.
/// </summary>
public sealed class GroupService(Store store, TimeProvider clock)
{
    public const string StreamType = "jobgroup";
    private const int MaxAttempts = 100;

    /// <summary>
    /// The group's UUID: a typed UUID (prefix 112, <see cref="UuidType.JobGroup"/>) of its name and owner, so the same
    /// team creating the same group twice gets the same group.
    /// </summary>
    public static string Uuid(string name, string? owner) =>
        TypedUuid.Create(UuidType.JobGroup, new JArray(new JValue(name), new JValue(owner)).ToString(Formatting.None));

    /// <summary>The group as its stream folds now (<see cref="GroupState.Exists"/> false when there is none).</summary>
    public static async Task<GroupState> LoadAsync(Store store, string groupUuid, CancellationToken cancellationToken)
    {
        var loaded = await store.LoadStreamAsync(groupUuid, cancellationToken);
        return loaded.Events.Where(e => e.Type.StartsWith("group.", StringComparison.Ordinal))
            .Select(e => GroupEventJson.Deserialize(e.Type, e.Data))
            .Aggregate(GroupState.Initial with { Incarnation = loaded.Head.Incarnation }, GroupState.Evolve);
    }

    public Task<GroupState> LoadAsync(string groupUuid, CancellationToken cancellationToken) => LoadAsync(store, groupUuid, cancellationToken);

    public async Task<GroupOutcome> HandleAsync(string groupUuid, GroupCommand command, JobActor actor, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var state = await LoadAsync(groupUuid, cancellationToken);
            var (events, rejection) = GroupDecider.Decide(state, command, clock.GetUtcNow());
            if (rejection is not null || events.Count == 0)
            {
                return new GroupOutcome(state, false, rejection);
            }
            var outcome = await store.AppendAsync(new StreamAppend
            {
                StreamId = groupUuid,
                StreamType = StreamType,
                ExpectedVersion = state.Version,
                ExpectedIncarnation = state.Incarnation,
                Events = events.Select(e => new NewEvent(Guid.NewGuid(), GroupEventJson.TypeOf(e), GroupEventJson.Serialize(e),
                    JobAppend.Metadata(actor))).ToArray(),
            }, cancellationToken);
            switch (outcome.Status)
            {
                case AppendStatus.Committed:
                    return new GroupOutcome(events.Aggregate(state, GroupState.Evolve) with { Incarnation = outcome.Committed!.Incarnation }, true);
                case AppendStatus.Unstorable:
                    return new GroupOutcome(state, false, Unstorable: outcome.Problem);
            }
        }
        throw new InvalidOperationException($"Group {groupUuid}: no decision survived {MaxAttempts} version conflicts.");
    }
}
