using Catalog.Core.EventStore;
using Catalog.Core.Jobs;
using Catalog.Core.Projections;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npgsql;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Core.JobCommands;

/// <summary>
/// Removes a job for good: its events and delivery keys, everything the projections made of them and the OpenLineage
/// events it was recorded from, in one transaction
/// with an audit record (who, when, how many events). The stream's tombstone keeps its incarnation, so a job created
/// again with the same UUID is a new incarnation, and no token of the purged one works for it. Folders the job's resets
/// emptied stay emptied for the other jobs that indexed files there: those clearings are first carried into a stream
/// of their own (<see cref="ArchiveRemoval"/>), through the store's one append.
/// </summary>
public sealed class JobPurge(Store store, ProjectionDaemon projections, JobService jobs)
{
    private const int Attempts = 5;

    /// <summary>Returns the number of events removed, or null when there was no such job.</summary>
    public Task<int?> PurgeAsync(string jobUuid, string actor, CancellationToken cancellationToken, string? reason = null) =>
        PurgeIfAsync(jobUuid, actor, _ => true, cancellationToken, reason);

    /// <summary>
    /// Purges the job only when <paramref name="due"/> holds for it as its stream folds (the system's retention decides
    /// on the stream, not on the document that made the job a candidate); null when there was no such job or it was not due.
    /// </summary>
    public async Task<int?> PurgeIfAsync(string jobUuid, string actor, Func<JobState, bool> due, CancellationToken cancellationToken,
        string? reason = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await store.LoadStreamAsync(jobUuid, cancellationToken);
            var state = JobState.Fold(loaded.Events.Select(e => JobEventJson.DeserializeForState(e.Type, e.Data)));
            if (loaded.Head.Version == 0 || !state.Exists || !due(state))
            {
                return null;
            }
            await CarryRemovalsAsync(jobUuid, loaded, cancellationToken);
            try
            {
                var removed = await store.PurgeStreamAsync(jobUuid, async (connection, transaction, events, ct) =>
                {
                    // An event appended since the stream was read could be a clearing not carried yet: read again.
                    if (events != loaded.Head.Version)
                    {
                        throw new StreamMoved();
                    }
                    await projections.ForgetStreamAsync(connection, transaction, jobUuid, ct);
                    await OpenLineage.OpenLineageLog.ForgetJobAsync(connection, transaction, jobUuid, ct);
                    await AuditAsync(connection, transaction, actor, jobUuid, events, state, reason, ct);
                }, cancellationToken);
                jobs.Forget(jobUuid);
                return removed;
            }
            catch (StreamMoved) when (attempt < Attempts)
            {
            }
        }
    }

    /// <summary>Appends the stream's clearings not carried yet; a concurrent carry of the same life loses nothing (retried).</summary>
    private async Task CarryRemovalsAsync(string jobUuid, StreamRead loaded, CancellationToken cancellationToken)
    {
        var removals = loaded.Events.Where(e => e.Type == JobEventTypes.ArchiveCleared)
            .Select(e => ArchiveRemoval.Of((JobEvent.ArchiveCleared)JobEventJson.Deserialize(e.Type, e.Data), e.Position))
            .ToList();
        if (removals.Count == 0)
        {
            return;
        }
        var streamId = ArchiveRemoval.StreamOf(jobUuid, loaded.Head.Incarnation);
        for (var attempt = 1; ; attempt++)
        {
            var carried = await store.LoadStreamAsync(streamId, cancellationToken);
            var done = carried.Events.Select(e => ArchiveRemoval.Deserialize(e.Data).BeforePosition).ToHashSet();
            var missing = removals.Where(r => !done.Contains(r.BeforePosition)).ToList();
            if (missing.Count == 0)
            {
                return;
            }
            var outcome = await store.AppendAsync(new StreamAppend
            {
                StreamId = streamId,
                StreamType = ArchiveRemoval.StreamType,
                ExpectedVersion = carried.Head.Version,
                ExpectedIncarnation = carried.Head.Incarnation,
                Events = missing.Select(r => new NewEvent(Guid.NewGuid(), ArchiveRemoval.EventType, r.Serialize())).ToArray(),
            }, cancellationToken);
            if (outcome.Status == AppendStatus.Committed)
            {
                return;
            }
            if (outcome.Status != AppendStatus.VersionConflict || attempt == Attempts)
            {
                throw new InvalidOperationException($"The clearings of job {jobUuid} could not be kept before its purge: {outcome.Status} {outcome.Problem}");
            }
        }
    }

    // The record says what the job was, since nothing else of it remains.
    private static Task AuditAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string actor, string jobUuid,
        int events, JobState state, string? reason, CancellationToken cancellationToken) =>
        AuditRow.InsertAsync(connection, transaction, actor, "purge", jobUuid, new JObject
        {
            ["reason"] = reason,
            ["events"] = events,
            ["pipeline_uuid"] = state.Spec!.PipelineUuid,
            ["child_of"] = new JArray(state.Spec.ChildOf),
            ["archive_system"] = state.Spec.ArchiveSystem,
            ["archive_path"] = state.Spec.ArchivePath,
            ["state"] = state.Status.Wire(),
            ["deleted"] = state.Deleted,
        }, cancellationToken);

    private sealed class StreamMoved : Exception;
}
