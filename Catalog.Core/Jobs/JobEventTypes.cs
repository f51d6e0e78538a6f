namespace Catalog.Core.Jobs;

/// <summary>The persisted, versioned name of every job event; never a CLR type name.</summary>
public static class JobEventTypes
{
    public const string Created = "job.created.v1";
    public const string Hidden = "job.hidden.v1";
    public const string Restored = "job.restored.v1";
    public const string TokenRotated = "job.token_rotated.v1";
    public const string FilesIndexed = "job.files_indexed.v1";
    public const string ArchiveCleared = "job.archive_cleared.v1";
    public const string Joined = "job.joined_group.v1";
    public const string Blocked = "job.blocked.v1";
    public const string Unblocked = "job.unblocked.v1";
    public const string LineageReported = "job.lineage_reported.v1";

    private static readonly IReadOnlyDictionary<JobEventName, string> Progressed = new Dictionary<JobEventName, string>
    {
        [JobEventName.Create] = "job.create_repeated.v1",
        [JobEventName.Run] = "job.started.v1",
        [JobEventName.Update] = "job.updated.v1",
        [JobEventName.Resource] = "job.resource_noted.v1",
        [JobEventName.Fail] = "job.failed.v1",
        [JobEventName.Finish] = "job.finished.v1",
        [JobEventName.Index] = "job.indexing_started.v1",
        [JobEventName.Indexed] = "job.indexed.v1",
        [JobEventName.Validate] = "job.validation_started.v1",
        [JobEventName.Validated] = "job.validated.v1",
        [JobEventName.Reject] = "job.rejected.v1",
        [JobEventName.Finalize] = "job.finalized.v1",
        [JobEventName.Retire] = "job.retired.v1",
        [JobEventName.Reset] = "job.reset.v1",
        [JobEventName.Ready] = "job.readied.v1",
        [JobEventName.Cancel] = "job.cancelled.v1",
        [JobEventName.Tag] = "job.tagged.v1",
        [JobEventName.Annotate] = "job.annotated.v1",
        [JobEventName.Measure] = "job.measured.v1",
        [JobEventName.Expire] = "job.expired.v1",
    };

    public static string Of(JobEvent @event) => @event switch
    {
        JobEvent.Created => Created,
        JobEvent.Progressed progressed => Progressed[progressed.Name],
        JobEvent.Hidden => Hidden,
        JobEvent.Restored => Restored,
        JobEvent.TokenRotated => TokenRotated,
        JobEvent.FilesIndexed => FilesIndexed,
        JobEvent.ArchiveCleared => ArchiveCleared,
        JobEvent.Joined => Joined,
        JobEvent.Blocked => Blocked,
        JobEvent.Unblocked => Unblocked,
        JobEvent.LineageReported => LineageReported,
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown job event"),
    };

    public static IReadOnlyList<string> All { get; } =
        new[] { Created, Hidden, Restored, TokenRotated, FilesIndexed, ArchiveCleared, Joined, Blocked, Unblocked, LineageReported }.Concat(Progressed.Values).ToArray();

    public static bool TryProgressedName(string type, out JobEventName name)
    {
        foreach (var (key, value) in Progressed)
        {
            if (value == type)
            {
                name = key;
                return true;
            }
        }
        name = default;
        return false;
    }
}
