using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
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
        // Each command's rows are read by its own reader, in the batch's order; the details are built here from plain
        // columns (no JSON made by the database and parsed again per node).
        var readers = new List<Action<NpgsqlDataReader>>();
        var known = new Dictionary<string, (string Label, string? State, JObject? Details)>(StringComparer.Ordinal);
        await using var batch = new NpgsqlBatch(connection);
        void Add(string sql, string[] selected, Action<NpgsqlDataReader> read)
        {
            if (selected.Length == 0)
            {
                return;
            }
            batch.BatchCommands.Add(new NpgsqlBatchCommand(sql) { Parameters = { new NpgsqlParameter { Value = selected } } });
            readers.Add(read);
        }
        string? Text(NpgsqlDataReader row, int column) => row.IsDBNull(column) ? null : row.GetString(column);

        // Measurements, samples, experiments, OpenLineage datasets and the rest: the name a job gave the node. First, so
        // what the catalog knows better (an indexed file's path) replaces it.
        var byType = uuids.ToLookup(UuidType.ClassifyCatalog);
        string[] Of(UuidType type) => byType[type].ToArray();
        Add("SELECT uuid, min(name) FROM lineage_names WHERE uuid = ANY($1) GROUP BY uuid",
            byType.Where(g => g.Key != UuidType.PipelineJob && g.Key != UuidType.Pipeline && g.Key != UuidType.JobGroup)
                .SelectMany(g => g).ToArray(),
            row => known[row.GetString(0)] = (row.GetString(1), null, null));
        Add("""
            SELECT d.uuid, d.pipeline_uuid, d.state, p.name, p.document->>'id', d.created
            FROM job_documents d LEFT JOIN pipelines p ON p.uuid = d.pipeline_uuid WHERE d.uuid = ANY($1)
            """, Of(UuidType.PipelineJob), row =>
            {
                var pipeline = Text(row, 3);
                known[row.GetString(0)] = ($"{pipeline ?? row.GetString(1)} ({row.GetString(2)})", row.GetString(2), new JObject
                {
                    ["pipeline_uuid"] = row.GetString(1),
                    ["pipeline"] = pipeline,
                    ["pipeline_id"] = Text(row, 4),
                    ["created"] = JobEventJson.FormatTime(row.GetFieldValue<DateTime>(5)),
                });
            });
        // A file by its path inside the archive folder of the job that recorded it (the whole path otherwise); each
        // job's document is read once for its archive path, however many of its files are in the answer.
        Add("""
            WITH f AS (SELECT uuid, name, storage_system, job_uuid FROM files WHERE uuid = ANY($1))
            SELECT f.uuid, f.name, f.storage_system, a.archive
            FROM f LEFT JOIN (SELECT d.uuid, d.document->>'archive_path' AS archive FROM job_documents d
                WHERE d.uuid IN (SELECT job_uuid FROM f)) a ON a.uuid = f.job_uuid
            """, Of(UuidType.File), row =>
            {
                var name = row.GetString(1);
                var path = Text(row, 3) is { } archive && name.StartsWith(archive + "/", StringComparison.Ordinal) ? name[(archive.Length + 1)..] : name;
                known[row.GetString(0)] = (path, null, new JObject
                {
                    ["name"] = name[(name.LastIndexOf('/') + 1)..],
                    ["path"] = path,
                    ["storage_system"] = row.GetString(2),
                });
            });
        Add("SELECT uuid, name, document->>'id' FROM pipelines WHERE uuid = ANY($1)", Of(UuidType.Pipeline),
            row => known[row.GetString(0)] = (row.GetString(1), null, new JObject { ["pipeline_id"] = Text(row, 2) }));
        // A group is named in its stream's first event.
        Add("""
            SELECT stream_id, (data->>'name') || ' (' || (data->>'kind') || ' group)' FROM es.events
            WHERE stream_id = ANY($1) AND version = 1 AND event_type = 'group.created.v1'
            """, Of(UuidType.JobGroup), row => known[row.GetString(0)] = (row.GetString(1), null, null));

        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            var command = 0;
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    readers[command](reader);
                }
                command++;
            }
            while (await reader.NextResultAsync(cancellationToken));
        }
        return uuids
            .Select(uuid => known.TryGetValue(uuid, out var found) ? new LineageNode(uuid, found.Label, found.State, found.Details) : new LineageNode(uuid))
            .ToArray();
    }
}
