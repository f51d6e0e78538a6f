namespace Catalog.Core.Groups;

/// <summary>What is asked of a group.</summary>
public abstract record GroupCommand
{
    private GroupCommand()
    {
    }

    /// <summary>Create the group; creating an existing group of the same kind changes nothing.</summary>
    public sealed record Create(string Name, GroupKind Kind, string? Owner) : GroupCommand;

    /// <summary>Add jobs after the group's members; jobs already in it keep their place.</summary>
    public sealed record AddMembers(IReadOnlyList<string> Jobs) : GroupCommand;
}

/// <summary>Why a group command was refused: no such group (404), or a conflict with what it is (409).</summary>
public sealed record GroupRejection(bool NotFound, string Message);

/// <summary>The group's rules as a pure function.</summary>
public static class GroupDecider
{
    /// <summary>A group's members are listed whole in every answer and folded for every run of a sequential member.</summary>
    public const int MaxMembers = 10_000;

    public static (IReadOnlyList<GroupEvent> Events, GroupRejection? Rejection) Decide(GroupState state, GroupCommand command, DateTimeOffset now)
    {
        switch (command)
        {
            case GroupCommand.Create create when !state.Exists:
                return ([new GroupEvent.Created(create.Name, create.Kind, create.Owner) { At = now }], null);
            case GroupCommand.Create create when create.Kind != state.Kind:
                return ([], new GroupRejection(false,
                    $"Group '{state.Name}' exists and is {Wire(state.Kind)}; its kind cannot change to {Wire(create.Kind)}."));
            case GroupCommand.Create:
                return ([], null);
            case GroupCommand.AddMembers when !state.Exists:
                return ([], new GroupRejection(true, "No group with this UUID exists."));
            case GroupCommand.AddMembers add:
                var added = add.Jobs.Distinct().Where(j => !state.Members.Contains(j)).ToArray();
                if (state.Members.Count + added.Length > MaxMembers)
                {
                    return ([], new GroupRejection(false,
                        $"A group holds at most {MaxMembers} jobs; this one has {state.Members.Count} and {added.Length} more were asked."));
                }
                return (added.Length == 0 ? [] : [new GroupEvent.MembersAdded(added) { At = now }], null);
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unknown group command");
        }
    }

    public static string Wire(GroupKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParseKind(string? text, out GroupKind kind)
    {
        kind = default;
        return text is "sequential" or "parallel" && Enum.TryParse(text, ignoreCase: true, out kind);
    }
}
