namespace Catalog.Core.Groups;

/// <summary>How a group orders its members' runs.</summary>
public enum GroupKind
{
    /// <summary>A member may run only once the member before it finished.</summary>
    Sequential,
    /// <summary>Members run independently.</summary>
    Parallel,
}

/// <summary>A fact recorded in a group's stream.</summary>
public abstract record GroupEvent
{
    private GroupEvent()
    {
    }

    public required DateTimeOffset At { get; init; }

    /// <summary>The group came into being.</summary>
    public sealed record Created(string Name, GroupKind Kind, string? Owner) : GroupEvent;

    /// <summary>Jobs joined the group, in this order, after its earlier members.</summary>
    public sealed record MembersAdded(IReadOnlyList<string> Jobs) : GroupEvent;
}
