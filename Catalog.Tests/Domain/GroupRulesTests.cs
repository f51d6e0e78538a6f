using Catalog.Core.Groups;
using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using static Catalog.Tests.Domain.Scenarios;

namespace Catalog.Tests.Domain;

/// <summary>The group's pure rules, the derived group state, and what groups change in the job's decisions.</summary>
public sealed class GroupRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
    private const string First = "107b93f3-1eae-5e79-8a18-0a480f8aa3a1";
    private const string Second = "107b93f3-1eae-5e79-8a18-0a480f8aa3a2";
    private const string Third = "107b93f3-1eae-5e79-8a18-0a480f8aa3a3";
    private static readonly string Group = GroupService.Uuid("nightly", "lab-a");

    [Fact]
    public void Given_a_name_and_owner_then_the_group_uuid_is_a_112_typed_uuid_that_python_datacatalog_does_not_classify()
    {
        Assert.StartsWith("112", Group, StringComparison.Ordinal);
        Assert.Equal(Group, GroupService.Uuid("nightly", "lab-a"));
        Assert.NotEqual(Group, GroupService.Uuid("nightly", null));
        Assert.NotEqual(Group, GroupService.Uuid("nightly", "lab-b"));
        Assert.Null(UuidType.Classify(Group));
        Assert.False(TypedUuid.IsTyped(Group));
        Assert.Equal(UuidType.JobGroup, UuidType.ClassifyCatalog(Group));
        Assert.DoesNotContain(UuidType.JobGroup, UuidType.All);
    }

    [Fact]
    public void Given_a_group_when_created_again_then_nothing_and_with_another_kind_a_conflict()
    {
        var group = Decide(GroupState.Initial, new GroupCommand.Create("nightly", GroupKind.Sequential, "lab-a"));

        var (again, _) = GroupDecider.Decide(group, new GroupCommand.Create("nightly", GroupKind.Sequential, "lab-a"), Now);
        var (_, other) = GroupDecider.Decide(group, new GroupCommand.Create("nightly", GroupKind.Parallel, "lab-a"), Now);

        Assert.Equal(("nightly", GroupKind.Sequential, "lab-a", 1L), (group.Name, group.Kind, group.Owner, group.Version));
        Assert.Empty(again);
        Assert.False(other!.NotFound);
        Assert.Contains("sequential", other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_members_when_added_again_or_in_another_order_then_each_keeps_its_first_place()
    {
        var group = Decide(GroupState.Initial, new GroupCommand.Create("g", GroupKind.Sequential, null));
        group = Decide(group, new GroupCommand.AddMembers([Second, First]));

        var (repeat, _) = GroupDecider.Decide(group, new GroupCommand.AddMembers([First, Second]), Now);
        group = Decide(group, new GroupCommand.AddMembers([First, Third, Third]));

        Assert.Empty(repeat);
        Assert.Equal([Second, First, Third], group.Members);
        Assert.Equal([First, Second], group.Before(Third));
        Assert.Empty(group.Before(Second));
    }

    [Fact]
    public void Given_no_group_or_a_full_one_when_adding_members_then_refused()
    {
        var (_, missing) = GroupDecider.Decide(GroupState.Initial, new GroupCommand.AddMembers([First]), Now);
        var full = GroupState.Initial with { Exists = true, Members = [.. Enumerable.Range(0, GroupDecider.MaxMembers).Select(i => $"m{i}")] };
        var (_, tooMany) = GroupDecider.Decide(full, new GroupCommand.AddMembers([First]), Now);

        Assert.True(missing!.NotFound);
        Assert.False(tooMany!.NotFound);
    }

    [Theory]
    [InlineData(GroupKind.Sequential, "", "CREATED")]
    [InlineData(GroupKind.Sequential, "CREATED CREATED", "CREATED")]
    [InlineData(GroupKind.Sequential, "RUNNING CREATED", "RUNNING")]
    [InlineData(GroupKind.Sequential, "FINISHED CREATED", "RUNNING")]
    [InlineData(GroupKind.Sequential, "FINISHED VALIDATED RETIRED", "FINISHED")]
    [InlineData(GroupKind.Sequential, "FAILED CREATED", "FAILED")]
    [InlineData(GroupKind.Sequential, "FINISHED CANCELLED CREATED", "CANCELLED")]
    [InlineData(GroupKind.Sequential, "REJECTED CREATED", "FAILED")]
    [InlineData(GroupKind.Parallel, "FAILED RUNNING", "RUNNING")]
    [InlineData(GroupKind.Parallel, "FAILED CREATED", "RUNNING")]
    [InlineData(GroupKind.Parallel, "FAILED FINISHED", "FAILED")]
    [InlineData(GroupKind.Parallel, "CANCELLED FINISHED", "CANCELLED")]
    [InlineData(GroupKind.Parallel, "FINISHED FINISHED", "FINISHED")]
    public void Given_member_states_then_the_group_state_is_derived_by_its_kind(GroupKind kind, string members, string expected)
    {
        var states = members.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => JobNames.TryParseStatus(s, out var status) ? status : throw new ArgumentException(s)).ToArray();

        Assert.Equal(expected, GroupProgress.Derive(kind, states));
    }

    [Fact]
    public void Given_a_job_when_it_joins_a_group_then_its_state_names_it_a_repeat_changes_nothing_and_another_group_conflicts()
    {
        var job = Apply(CreatedJob(), new JobCommand.Join(Group));

        var again = JobDecider.Decide(job, new JobCommand.Join(Group), Now);
        var other = JobDecider.Decide(job, new JobCommand.Join(GroupService.Uuid("other", null)), Now);
        var hidden = JobDecider.Decide(Apply(CreatedJob(), new JobCommand.Hide("admin")), new JobCommand.Join(Group), Now);

        Assert.Equal(Group, job.Group);
        Assert.Empty(again.Events);
        Assert.False(again.IsRejected);
        Assert.Equal(RejectionKind.Conflict, other.Rejection?.Kind);
        Assert.Equal(RejectionKind.UnknownJob, hidden.Rejection?.Kind);
    }

    [Theory]
    [InlineData(JobStatus.Created, false, false)]
    [InlineData(JobStatus.Running, false, false)]
    [InlineData(JobStatus.Finished, true, false)]
    [InlineData(JobStatus.Finalized, true, false)]
    [InlineData(JobStatus.Failed, false, true)]
    [InlineData(JobStatus.Rejected, false, true)]
    public void Given_a_sequential_member_when_run_then_it_waits_for_the_member_before_it_to_finish(JobStatus before, bool runs, bool blocked)
    {
        var job = Apply(JobState.Initial, new JobCommand.Create(Spec() with { Group = Group }));

        var decision = JobDecider.Decide(job, new JobCommand.Send("run", null) { Predecessor = new GroupPredecessor(Group, First, before) }, Now);

        Assert.Equal(runs, !decision.IsRejected);
        if (!runs)
        {
            var unmet = Assert.Single(decision.Rejection!.Unmet);
            Assert.Equal((First, "success", before.Wire(), blocked, Group), (unmet.Job, unmet.When, unmet.State, unmet.Blocked, unmet.Group));
            Assert.Contains($"sequential group {Group}", decision.Rejection.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Given_a_waiting_job_when_the_system_checks_it_then_it_is_blocked_once_unblocked_when_met_again_and_cleared_when_it_runs()
    {
        var job = Apply(JobState.Initial, new JobCommand.Create(Spec() with { DependsOn = [new JobDependency(First, DependencyCondition.Success)] }));
        JobCommand.CheckBlocked Check(JobStatus? other) => new() { Dependencies = new Dictionary<string, JobStatus?> { [First] = other } };

        var waiting = JobDecider.Decide(job, Check(JobStatus.Running), Now);
        var block = JobDecider.Decide(job, Check(JobStatus.Failed), Now);
        var blocked = block.Events.Aggregate(job, JobState.Evolve);
        var again = JobDecider.Decide(blocked, Check(JobStatus.Failed), Now);
        var unblock = JobDecider.Decide(blocked, Check(JobStatus.Created), Now);
        var cancelled = Apply(blocked, new JobCommand.Send("cancel", null));
        var afterCancel = JobDecider.Decide(cancelled, Check(JobStatus.Failed), Now);

        Assert.Empty(waiting.Events);
        var marked = Assert.IsType<JobEvent.Blocked>(Assert.Single(block.Events));
        Assert.Contains(First, marked.Reason, StringComparison.Ordinal);
        Assert.Equal(marked.Reason, blocked.BlockedReason);
        Assert.Empty(again.Events);
        Assert.IsType<JobEvent.Unblocked>(Assert.Single(unblock.Events));
        Assert.Null(cancelled.BlockedReason);
        Assert.Empty(afterCancel.Events);
    }

    [Fact]
    public void Given_a_sequential_member_whose_predecessor_failed_when_the_system_checks_it_then_it_is_blocked_naming_the_group()
    {
        var job = Apply(JobState.Initial, new JobCommand.Create(Spec() with { Group = Group }));

        var decision = JobDecider.Decide(job, new JobCommand.CheckBlocked { Predecessor = new GroupPredecessor(Group, First, JobStatus.Failed) }, Now);

        var blocked = Assert.IsType<JobEvent.Blocked>(Assert.Single(decision.Events));
        Assert.Contains($"sequential group {Group}", blocked.Reason, StringComparison.Ordinal);
        Assert.Equal(Group, Assert.Single(blocked.Unmet).Group);
    }

    private static GroupState Decide(GroupState state, GroupCommand command)
    {
        var (events, rejection) = GroupDecider.Decide(state, command, Now);
        Assert.Null(rejection);
        return events.Aggregate(state, GroupState.Evolve);
    }
}
