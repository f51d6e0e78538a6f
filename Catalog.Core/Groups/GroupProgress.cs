using Catalog.Core.Jobs;

namespace Catalog.Core.Groups;

/// <summary>
/// A group's state, derived from its members' states: CREATED until a member starts; RUNNING while the group is under
/// way; FINISHED when every member finished (FINISHED or a state after it but REJECTED; RETIRED too); FAILED (or CANCELLED)
/// when a member failed or was rejected (or was cancelled) and the group can no longer finish: at once in a sequential
/// group, whose later members wait for it, and once no member is still to run or running in a parallel one.
/// </summary>
public static class GroupProgress
{
    public static string Derive(GroupKind kind, IReadOnlyCollection<JobStatus> members)
    {
        var failed = members.Any(s => s is JobStatus.Failed or JobStatus.Rejected);
        var cancelled = members.Any(s => s == JobStatus.Cancelled);
        var pending = members.Any(s => s is JobStatus.Created or JobStatus.Reset or JobStatus.Running);
        if ((failed || cancelled) && (kind == GroupKind.Sequential || !pending))
        {
            return (failed ? JobStatus.Failed : JobStatus.Cancelled).Wire();
        }
        if (members.Count == 0 || members.All(s => s is JobStatus.Created or JobStatus.Reset))
        {
            return JobStatus.Created.Wire();
        }
        return members.All(s => JobDependency.IsSuccess(s) || s == JobStatus.Retired) ? JobStatus.Finished.Wire() : JobStatus.Running.Wire();
    }
}
