using Catalog.Core.Jobs;
using Catalog.Core.Lineage;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Core.Queries;

/// <summary>
/// Labels lineage nodes: a job by its pipeline's name and state, a file by its path in its job's archive folder (once
/// indexing has recorded it), a pipeline by its name, a group by its name and kind, a measurement, sample or experiment
/// (or any node) by the canonical identifier a job was given for it; other nodes have no label. The facts come from the
/// database function <c>catalog_lineage_describe</c> (migration 023), one row per fact, in one round trip for all the
/// nodes, alone or at the end of a lineage walk's rows.
/// </summary>
public sealed class LineageNodes
{
    private readonly Dictionary<string, (string Label, string? State, JObject? Details)> _known = new(StringComparer.Ordinal);

    public static async Task<IReadOnlyList<LineageNode>> DescribeAsync(NpgsqlConnection connection, IReadOnlyList<string> uuids,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uuids);
        if (uuids.Count == 0)
        {
            return [];
        }
        var nodes = new LineageNodes();
        await using var command = new NpgsqlCommand("SELECT kind, uuid, a, b, c, d, t FROM catalog_lineage_describe($1)", connection);
        command.Parameters.AddWithValue(uuids.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            nodes.Read(reader.GetString(0), reader);
        }
        return nodes.Describe(uuids);
    }

    /// <summary>
    /// Takes one row of <c>catalog_lineage_describe</c> (kind; uuid; then a..d text and t a time, by kind); false for a
    /// kind it does not describe.
    /// </summary>
    public bool Read(string kind, NpgsqlDataReader row)
    {
        ArgumentNullException.ThrowIfNull(row);
        string? Text(int column) => row.IsDBNull(column) ? null : row.GetString(column);
        var uuid = row.GetString(1);
        switch (kind)
        {
            // The name a job gave the node; its rows come first, so what the catalog knows better replaces it.
            case "name":
                _known[uuid] = (row.GetString(2), null, null);
                return true;
            case "job":
                var pipelineUuid = row.GetString(2);
                var state = row.GetString(3);
                var pipeline = Text(4);
                _known[uuid] = ($"{pipeline ?? pipelineUuid} ({state})", state, new JObject
                {
                    ["pipeline_uuid"] = pipelineUuid,
                    ["pipeline"] = pipeline,
                    ["pipeline_id"] = Text(5),
                    ["created"] = JobEventJson.FormatTime(row.GetFieldValue<DateTime>(6)),
                });
                return true;
            // A file by its path inside the archive folder of the job that recorded it (the whole path otherwise).
            case "file":
                var name = row.GetString(2);
                var path = Text(4) is { } archive && name.StartsWith(archive + "/", StringComparison.Ordinal) ? name[(archive.Length + 1)..] : name;
                _known[uuid] = (path, null, new JObject
                {
                    ["name"] = name[(name.LastIndexOf('/') + 1)..],
                    ["path"] = path,
                    ["storage_system"] = row.GetString(3),
                });
                return true;
            case "pipeline":
                _known[uuid] = (row.GetString(2), null, new JObject { ["pipeline_id"] = Text(3) });
                return true;
            case "group":
                if (Text(2) is { } group)
                {
                    _known[uuid] = ($"{group} ({Text(3)} group)", null, null);
                }
                return true;
            default:
                return false;
        }
    }

    /// <summary>The nodes in the given order, each with what was read of it.</summary>
    public IReadOnlyList<LineageNode> Describe(IEnumerable<string> uuids) =>
        uuids.Select(uuid => _known.TryGetValue(uuid, out var found) ? new LineageNode(uuid, found.Label, found.State, found.Details) : new LineageNode(uuid))
            .ToArray();
}
