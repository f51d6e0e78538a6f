using Catalog.Core.EventStore;
using Catalog.Core.Jobs;
using Catalog.Core.Lineage;
using Npgsql;

namespace Catalog.Core.Projections.Lineage;

/// <summary>
/// The lineage edges of every job, projected from its events (<see cref="JobLineage"/>): edges of a created job and
/// of its indexed files are inserted, hiding and restoring the job hides and shows all of them. Every statement is
/// idempotent, so a replayed batch changes nothing; events that state no edges are skipped by their type alone.
/// </summary>
public sealed class LineageProjection : IProjection
{
    public const string ProjectionName = "lineage_v1";
    public const string Edges = "lineage_edges";
    public const string HiddenJobs = "lineage_hidden_jobs";
    public const string Names = "lineage_names";

    public string Name => ProjectionName;

    public IReadOnlyList<string> Tables { get; } = [Edges, HiddenJobs, Names];

    public IReadOnlyCollection<string> EventTypes { get; } = [JobEventTypes.Created, JobEventTypes.FilesIndexed, JobEventTypes.Joined, JobEventTypes.LineageReported,
        JobEventTypes.Hidden, JobEventTypes.Restored];

    public async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events,
        ProjectionTables tables, CancellationToken cancellationToken)
    {
        var writer = new LineageEdgeWriter(connection, transaction, tables);
        foreach (var recorded in events)
        {
            switch (recorded.Type)
            {
                case JobEventTypes.Created:
                    var created = (JobEvent.Created)JobEventJson.Deserialize(recorded.Type, recorded.Data);
                    writer.Created(recorded.StreamId, created.Spec.Names);
                    await writer.AddAsync(recorded.StreamId, recorded.Position, JobLineage.EdgesOf(created, recorded.StreamId), cancellationToken);
                    break;
                case JobEventTypes.LineageReported:
                    var reported = (JobEvent.LineageReported)JobEventJson.Deserialize(recorded.Type, recorded.Data);
                    writer.Named(recorded.StreamId, reported.Report.Inputs.Concat(reported.Report.Outputs).Select(d => (d.Uuid, d.Label)));
                    await writer.AddAsync(recorded.StreamId, recorded.Position, JobLineage.EdgesOf(reported, recorded.StreamId), cancellationToken);
                    break;
                case JobEventTypes.FilesIndexed or JobEventTypes.Joined:
                    await writer.AddAsync(recorded.StreamId, recorded.Position, EdgesOf(recorded), cancellationToken);
                    break;
                case JobEventTypes.Hidden:
                    await writer.SetHiddenAsync(recorded.StreamId, hidden: true, cancellationToken);
                    break;
                case JobEventTypes.Restored:
                    await writer.SetHiddenAsync(recorded.StreamId, hidden: false, cancellationToken);
                    break;
            }
        }
        await writer.FlushAsync(cancellationToken);
    }

    public async Task ForgetStreamAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string streamId,
        ProjectionTables tables, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"DELETE FROM {tables[Edges]} WHERE job_uuid = $1") { Parameters = { new() { Value = streamId } } },
                new NpgsqlBatchCommand($"DELETE FROM {tables[HiddenJobs]} WHERE job_uuid = $1") { Parameters = { new() { Value = streamId } } },
                new NpgsqlBatchCommand($"DELETE FROM {tables[Names]} WHERE job_uuid = $1") { Parameters = { new() { Value = streamId } } },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static IReadOnlyList<LineageEdge> EdgesOf(RecordedEvent recorded) =>
        JobLineage.EdgesOf(JobEventJson.Deserialize(recorded.Type, recorded.Data), recorded.StreamId);
}
