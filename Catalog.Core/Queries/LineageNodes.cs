using Catalog.Core.Identifiers;
using Catalog.Core.Lineage;
using Newtonsoft.Json.Linq;
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
                // Measurements, samples, experiments, OpenLineage datasets and the rest: the name a job gave the node. First,
                // so what the catalog knows better (an indexed file's path) replaces it.
                Command("SELECT uuid, min(name), NULL, NULL FROM lineage_names WHERE uuid = ANY($1) GROUP BY uuid", uuids
                    .Where(u => UuidType.ClassifyCatalog(u) is not { } type
                        || (type != UuidType.PipelineJob && type != UuidType.Pipeline && type != UuidType.JobGroup)).ToArray()),
                Command("""
                    SELECT d.uuid, coalesce(p.name, d.pipeline_uuid) || ' (' || d.state || ')', d.state,
                        json_build_object('pipeline_uuid', d.pipeline_uuid, 'pipeline', p.name, 'pipeline_id', p.document->>'id',
                            'created', to_char(d.created AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
                    FROM job_documents d LEFT JOIN pipelines p ON p.uuid = d.pipeline_uuid WHERE d.uuid = ANY($1)
                    """, Of(uuids, UuidType.PipelineJob)),
                // A file by its path inside the archive folder of the job that recorded it (the whole path otherwise).
                Command("""
                    SELECT f.uuid, r.path, NULL,
                        json_build_object('name', regexp_replace(f.name, '^.*/', ''), 'path', r.path, 'storage_system', f.storage_system)::text
                    FROM files f
                    LEFT JOIN job_documents d ON d.uuid = f.job_uuid
                    CROSS JOIN LATERAL (SELECT CASE WHEN d.document->>'archive_path' IS NOT NULL
                            AND starts_with(f.name, (d.document->>'archive_path') || '/')
                        THEN substr(f.name, length(d.document->>'archive_path') + 2) ELSE f.name END AS path) r
                    WHERE f.uuid = ANY($1)
                    """, Of(uuids, UuidType.File)),
                Command("SELECT uuid, name, NULL, json_build_object('pipeline_id', document->>'id')::text FROM pipelines WHERE uuid = ANY($1)",
                    Of(uuids, UuidType.Pipeline)),
                // A group is named in its stream's first event.
                Command("""
                    SELECT stream_id, (data->>'name') || ' (' || (data->>'kind') || ' group)', NULL, NULL FROM es.events
                    WHERE stream_id = ANY($1) AND version = 1 AND event_type = 'group.created.v1'
                    """, Of(uuids, UuidType.JobGroup)),
            },
        };
        var known = new Dictionary<string, (string Label, string? State, JObject? Details)>(StringComparer.Ordinal);
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    known[reader.GetString(0)] = (reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                        reader.IsDBNull(3) ? null : (JObject)PythonJson.Parse(reader.GetString(3)));
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        return uuids
            .Select(uuid => known.TryGetValue(uuid, out var found) ? new LineageNode(uuid, found.Label, found.State, found.Details) : new LineageNode(uuid))
            .ToArray();
    }

    private static string[] Of(IEnumerable<string> uuids, UuidType type) => uuids.Where(u => UuidType.ClassifyCatalog(u) == type).ToArray();

    private static NpgsqlBatchCommand Command(string sql, string[] uuids) => new(sql) { Parameters = { new NpgsqlParameter { Value = uuids } } };
}
