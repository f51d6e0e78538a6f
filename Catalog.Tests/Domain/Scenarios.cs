using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Domain;

/// <summary>Builds job states by replaying real event sequences through the decider.</summary>
public static class Scenarios
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<JobStatus, string[]> PathTo = new Dictionary<JobStatus, string[]>
    {
        [JobStatus.Created] = [],
        [JobStatus.Running] = ["run"],
        [JobStatus.Failed] = ["run", "fail"],
        [JobStatus.Finished] = ["run", "finish"],
        [JobStatus.Indexing] = ["run", "finish", "index"],
        [JobStatus.Validating] = ["run", "finish", "validate"],
        [JobStatus.Validated] = ["run", "finish", "validate", "validated"],
        [JobStatus.Rejected] = ["run", "finish", "validate", "reject"],
        [JobStatus.Finalized] = ["run", "finish", "validate", "validated", "finalize"],
        [JobStatus.Retired] = ["run", "fail", "retire"],
        [JobStatus.Reset] = ["run", "reset"],
        [JobStatus.Cancelled] = ["run", "cancel"],
    };

    public static JobSpec Spec() => new()
    {
        Uuid = "107b93f3-1eae-5e79-8a18-0a480f8aa3a5",
        PipelineUuid = "10650844-1baa-55c5-a481-5e945b19c065",
        Data = new JObject { ["param1"] = "value1" },
        ChildOf = ["10483e8d-6602-532a-8941-176ce20dd05a"],
        ArchivePath = "/products/v2/x/y/z",
        ArchiveSystem = "data-sd2e-community",
    };

    public static JobState CreatedJob() => Apply(JobState.Initial, new JobCommand.Create(Spec()));

    public static JobState RunningJob() => JobIn(JobStatus.Running);

    public static JobState FinishedJob() => JobIn(JobStatus.Finished);

    public static JobState JobIn(JobStatus status) =>
        PathTo[status].Aggregate(CreatedJob(), (state, name) => Apply(state, new JobCommand.Send(name, null)));

    public static JobState Apply(JobState state, JobCommand command)
    {
        var decision = JobDecider.Decide(state, command, Now);
        if (decision.IsRejected)
        {
            throw new InvalidOperationException(decision.Rejection!.Message);
        }
        return decision.Events.Aggregate(state, JobState.Evolve);
    }
}
