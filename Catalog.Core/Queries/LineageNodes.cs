using Catalog.Core.Identifiers;
using Catalog.Core.Lineage;
using Npgsql;

namespace Catalog.Core.Queries;

/// <summary>
/// Labels lineage nodes in one round trip for all of them: a job by its pipeline's name and state, a file by its name
/// (once indexing has recorded it), a pipeline by its name, a group by its name and kind, a measurement, sample or
/// experiment (or any node) by the canonical identifier a job was given for it; other nodes have no label.
/// </summary>
public static class LineageNodes
{
    public static async Task<IReadOnlyList<LineageNode>> DescribeAsync(NpgsqlConnection connection, IReadOnlyList<string> uuids,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uuids);
        if (uuids.Count == 0)
        {
            return [];
        }
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("""
                    SELECT d.uuid, coalesce(p.name, d.pipeline_uuid) || ' (' || d.state || ')', d.state
                    FROM job_documents d LEFT JOIN pipelines p ON p.uuid = d.pipeline_uuid WHERE d.uuid = ANY($1)
                    """, Of(uuids, UuidType.PipelineJob)),
                Command("SELECT uuid, name, NULL FROM files WHERE uuid = ANY($1)", Of(uuids, UuidType.File)),
                Command("SELECT uuid, name, NULL FROM pipelines WHERE uuid = ANY($1)", Of(uuids, UuidType.Pipeline)),
                // Measurements, samples, experiments and the rest: the canonical identifier a job was given.
                Command("SELECT uuid, min(name), NULL FROM lineage_names WHERE uuid = ANY($1) GROUP BY uuid", uuids
                    .Where(u => UuidType.ClassifyCatalog(u) is not { } type
                        || (type != UuidType.PipelineJob && type != UuidType.File && type != UuidType.Pipeline && type != UuidType.JobGroup)).ToArray()),
                // A group is named in its stream's first event.
                Command("""
                    SELECT stream_id, (data->>'name') || ' (' || (data->>'kind') || ' group)', NULL FROM es.events
                    WHERE stream_id = ANY($1) AND version = 1 AND event_type = 'group.created.v1'
                    """, Of(uuids, UuidType.JobGroup)),
            },
        };
        var known = new Dictionary<string, (string Label, string? State)>(StringComparer.Ordinal);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    known[reader.GetString(0)] = (reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        return uuids
            .Select(uuid => known.TryGetValue(uuid, out var found) ? new LineageNode(uuid, found.Label, found.State) : new LineageNode(uuid))
            .ToArray();
    }

    private static string[] Of(IEnumerable<string> uuids, UuidType type) => uuids.Where(u => UuidType.ClassifyCatalog(u) == type).ToArray();

    private static NpgsqlBatchCommand Command(string sql, string[] uuids) => new(sql) { Parameters = { new NpgsqlParameter { Value = uuids } } };
}
