using System.Collections.Immutable;

namespace Catalog.Core.Groups;

/// <summary>A group folded from its stream: its name, kind and owner, and its members in the order they joined.</summary>
public sealed record GroupState
{
    public static GroupState Initial { get; } = new();

    public bool Exists { get; init; }
    public string Name { get; init; } = "";
    public GroupKind Kind { get; init; }
    public string? Owner { get; init; }
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset Updated { get; init; }
    public ImmutableList<string> Members { get; init; } = [];
    public long Version { get; init; }
    public int Incarnation { get; init; }

    public static GroupState Evolve(GroupState state, GroupEvent @event)
    {
        var next = state with { Version = state.Version + 1, Updated = @event.At };
        return @event switch
        {
            GroupEvent.Created created => next with
            {
                Exists = true, Name = created.Name, Kind = created.Kind, Owner = created.Owner, Created = created.At,
            },
            GroupEvent.MembersAdded added => next with { Members = next.Members.AddRange(added.Jobs.Where(j => !next.Members.Contains(j))) },
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown group event"),
        };
    }

    /// <summary>
    /// The members a sequential group's member waits for, nearest first: those listed before it (all of them when it
    /// is not listed).
    /// </summary>
    public IEnumerable<string> Before(string jobUuid)
    {
        var index = Members.IndexOf(jobUuid);
        return Members.Take(index < 0 ? Members.Count : index).Reverse();
    }
}
