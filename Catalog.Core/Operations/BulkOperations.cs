using System.Collections.Concurrent;
using Catalog.Core.EventStore;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using Npgsql;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Core.Operations;

/// <summary>What a bulk rerun reruns: jobs in a state, optionally of one pipeline and updated after a time.</summary>
public sealed record RerunFilter(JobStatus State, string? PipelineUuid, DateTime? UpdatedAfter)
{
    public JObject ToJson() => new()
    {
        ["state"] = State.Wire(),
        ["pipeline_uuid"] = PipelineUuid,
        ["updated_after"] = UpdatedAfter is { } after ? JobEventJson.FormatTime(new DateTimeOffset(after, TimeSpan.Zero)) : null,
    };
}

/// <summary>
/// Bulk operations (a rerun of many jobs) as streams of their own: the jobs are found in the job documents when the
/// operation starts (finding candidates in a projection), and each is then decided on its own stream through the job
/// shell (a rerun only of a job still in the state asked for), in batches whose progress the stream records. An
/// operation cut short by a stop is resumed from its stream when the catalog starts again; running one twice is
/// harmless, since a rerun job is no longer in the state asked for.
/// </summary>
public sealed class BulkOperations(Store store, JobService jobs, TimeProvider clock, ILogger<BulkOperations> logger)
{
    public const string StreamType = "operation";
    public const int MaxJobs = 10_000;
    private const int BatchSize = 25;

    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);

    /// <summary>The jobs the filter finds now, at most <see cref="MaxJobs"/> + 1 (one more tells the filter finds too many).</summary>
    public async Task<IReadOnlyList<string>> CandidatesAsync(RerunFilter filter, CancellationToken cancellationToken)
    {
        await using var command = store.DataSource.CreateCommand("""
            SELECT uuid FROM job_documents
            WHERE state = $1 AND NOT deleted AND ($2::text IS NULL OR pipeline_uuid = $2) AND ($3::timestamptz IS NULL OR updated > $3)
            ORDER BY updated, uuid LIMIT $4
            """);
        command.Parameters.AddWithValue(filter.State.Wire());
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.PipelineUuid ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filter.UpdatedAfter ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.AddWithValue(MaxJobs + 1);
        var uuids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            uuids.Add(reader.GetString(0));
        }
        return uuids;
    }

    /// <summary>Records the operation (its jobs as found now) and starts it in the background; returns its state.</summary>
    public async Task<(string Id, OperationState State)> StartRerunAsync(RerunFilter filter, IReadOnlyList<string> candidates, string? reason,
        JobActor actor, CancellationToken stopping)
    {
        var id = Guid.NewGuid().ToString("D");
        var started = new OperationEvent.Started("rerun", filter.ToJson(), reason, actor.ToString(), candidates) { At = clock.GetUtcNow() };
        var outcome = await store.AppendAsync(Append(id, OperationState.Initial, [started], actor,
            new AuditRow(started.At, actor.ToString(), "bulk_rerun", null, new JObject
            {
                ["reason"] = reason, ["operation"] = id, ["filter"] = filter.ToJson(), ["total"] = candidates.Count,
            })), CancellationToken.None);
        if (outcome.Status != AppendStatus.Committed)
        {
            throw new InvalidOperationException($"Operation {id} could not be recorded: {outcome.Status} {outcome.Problem}");
        }
        Run(id, stopping);
        return (id, OperationState.Evolve(OperationState.Initial with { Incarnation = outcome.Committed!.Incarnation }, started));
    }

    public async Task<OperationState> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var loaded = await store.LoadStreamAsync(id, cancellationToken);
        return loaded.Events.Where(e => e.Type.StartsWith("operation.", StringComparison.Ordinal))
            .Select(e => OperationEventJson.Deserialize(e.Type, e.Data))
            .Aggregate(OperationState.Initial with { Incarnation = loaded.Head.Incarnation }, OperationState.Evolve);
    }

    /// <summary>Resumes every operation whose stream has no end yet (after a stop).</summary>
    public async Task ResumeAsync(CancellationToken stopping)
    {
        // The stream type is written out, so the planner can use the partial index of operation streams.
        await using var command = store.DataSource.CreateCommand($"""
            SELECT s.stream_id FROM es.streams s
            WHERE s.stream_type = '{StreamType}' AND NOT EXISTS (SELECT 1 FROM es.events e WHERE e.stream_id = s.stream_id AND e.event_type = $1)
            """);
        command.Parameters.AddWithValue(OperationEventJson.Finished);
        var unfinished = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(stopping))
        {
            while (await reader.ReadAsync(stopping))
            {
                unfinished.Add(reader.GetString(0));
            }
        }
        foreach (var id in unfinished)
        {
            logger.LogInformation("Resuming operation {Operation}", id);
            Run(id, stopping);
        }
    }

    /// <summary>Waits for the operations this node runs (tests, and a stop).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values);

    private void Run(string id, CancellationToken stopping) =>
        _running.GetOrAdd(id, _ => Task.Run(async () =>
        {
            try
            {
                await RunAsync(id, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception failure)
            {
                // Left unfinished: the next start resumes it.
                logger.LogError(failure, "Operation {Operation} stopped", id);
            }
            finally
            {
                _running.TryRemove(id, out Task? _);
            }
        }, CancellationToken.None));

    private async Task RunAsync(string id, CancellationToken stopping)
    {
        var state = await LoadAsync(id, stopping);
        var actor = JobActor.Parse(state.Actor);
        var only = JobNames.TryParseStatus((string?)state.Filter["state"], out var status) ? status : (JobStatus?)null;
        while (state is { Exists: true, Finished: false })
        {
            var batch = state.Remaining.Take(BatchSize).ToList();
            var done = new List<string>();
            var skipped = new List<string>();
            foreach (var job in batch)
            {
                var outcome = await jobs.HandleAsync(job, new JobCommand.Rerun(state.Actor) { Reason = state.Reason, OnlyIn = only, Operation = id },
                    JobCaller.AdminAs(actor), null, stopping);
                (outcome.Kind == JobOutcomeKind.Appended ? done : skipped).Add(job);
            }
            OperationEvent next = batch.Count == 0
                ? new OperationEvent.Finished { At = clock.GetUtcNow() }
                : new OperationEvent.Progressed(done, skipped) { At = clock.GetUtcNow() };
            var appended = await store.AppendAsync(Append(id, state, [next], actor), stopping);
            // Another node ran the same operation meanwhile: read what it recorded and go on from there.
            state = appended.Status == AppendStatus.Committed ? OperationState.Evolve(state, next) : await LoadAsync(id, stopping);
        }
    }

    private static StreamAppend Append(string id, OperationState state, IReadOnlyList<OperationEvent> events, JobActor actor, AuditRow? audit = null) => new()
    {
        StreamId = id,
        StreamType = StreamType,
        ExpectedVersion = state.Version,
        ExpectedIncarnation = state.Incarnation,
        Events = events.Select(e => new NewEvent(Guid.NewGuid(), OperationEventJson.TypeOf(e), OperationEventJson.Serialize(e),
            JobAppend.Metadata(actor))).ToArray(),
        Inline = audit is null ? [] : [audit],
    };
}
