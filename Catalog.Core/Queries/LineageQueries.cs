using Catalog.Core.Identifiers;
using Catalog.Core.Lineage;
using Npgsql;

namespace Catalog.Core.Queries;

/// <summary>
/// Reads the lineage edges: a breadth-first walk with its edges and node descriptions in one round trip (the database
/// function <c>catalog_lineage_walk</c>, migration 023: one indexed query per level inside it, never a recursive query
/// over the whole graph, never an array-overlap join: anchors/lineage-catalogs.md §6), and the one-hop questions
/// scientists ask (the jobs of a measurement, a job's outputs, a file's inputs and producer). Hidden edges are never read.
/// </summary>
public sealed class LineageQueries(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Walks from <paramref name="root"/> up to <paramref name="depth"/> hops (1..20), returning at most
    /// <paramref name="nodeLimit"/> nodes (truncated when more were reachable) and the edges between them.
    /// </summary>
    /// <remarks>
    /// Each direction has its own visited set, so a cycle ends and, when both directions are asked, a node reached
    /// downstream is walked upstream only if it was reached upstream. Upstream follows edges forwards, downstream
    /// backwards. Each level takes the unvisited neighbours of its frontier in ordinal order; the walk stops at its
    /// depth, when no frontier is left, or at the node limit (then truncated).
    /// </remarks>
    public async Task<LineageGraph> TraverseAsync(string root, LineageDirection direction, int depth, int nodeLimit,
        CancellationToken cancellationToken, AsOf? asOf = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, LineageRequest.MaxDepth);
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeLimit, 1);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT kind, uuid, a, b, c, d, t FROM catalog_lineage_walk($1, $2, $3, $4, $5, $6, $7)", connection);
        command.Parameters.AddWithValue(root);
        command.Parameters.AddWithValue(direction != LineageDirection.Downstream);
        command.Parameters.AddWithValue(direction != LineageDirection.Upstream);
        command.Parameters.AddWithValue(depth);
        command.Parameters.AddWithValue(nodeLimit);
        command.Parameters.Add(new NpgsqlParameter<long?> { TypedValue = asOf?.Position });
        command.Parameters.AddWithValue(asOf?.HiddenJobs.ToArray() ?? []);

        var order = new List<string>();
        var inside = new HashSet<string>(StringComparer.Ordinal);
        var edges = new HashSet<(string From, string Relation, string To)>();
        var truncated = false;
        var nodes = new LineageNodes();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var kind = reader.GetString(0);
                switch (kind)
                {
                    case "node":
                        order.Add(reader.GetString(1));
                        inside.Add(reader.GetString(1));
                        break;
                    case "truncated":
                        truncated = reader.GetString(2) == "true";
                        break;
                    // The edges leaving the answer's nodes, kept when they end inside it: out-degrees are small in
                    // provenance graphs (fan-in is where the hubs are), and a hash set here is cheaper than a second
                    // '= ANY' of a thousand nodes per edge in the query.
                    case "edge":
                        var to = reader.GetString(4);
                        if (inside.Contains(to))
                        {
                            edges.Add((reader.GetString(2), reader.GetString(3), to));
                        }
                        break;
                    default:
                        nodes.Read(kind, reader);
                        break;
                }
            }
        }
        var sorted = edges.OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.Relation, StringComparer.Ordinal)
            .ThenBy(e => e.To, StringComparer.Ordinal)
            .Select(e => new LineageEdge(e.From, LineageRelation.FromWire(e.Relation)!, e.To)).ToArray();
        return new LineageGraph(root, nodes.Describe(order), sorted, truncated, depth, direction);
    }

    /// <summary>
    /// Whether the catalog knows the node: a visible job, a file, a pipeline, a group, something a visible job is
    /// child_of (from its document, written with the job), or an end of a visible edge. The scientist routes answer 404
    /// for anything else, so a mistyped UUID is not mistaken for a node without lineage.
    /// </summary>
    public async Task<bool> IsKnownAsync(string uuid, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT EXISTS (SELECT FROM job_documents WHERE uuid = $1 AND NOT deleted)
                OR EXISTS (SELECT FROM job_documents WHERE child_of @> ARRAY[$1]::text[] AND NOT deleted)
                OR EXISTS (SELECT FROM files WHERE uuid = $1)
                OR EXISTS (SELECT FROM pipelines WHERE uuid = $1)
                OR EXISTS (SELECT FROM es.streams WHERE stream_id = $1 AND stream_type = 'jobgroup' AND version > 0)
                OR EXISTS (SELECT FROM lineage_edges WHERE from_uuid = $1 AND NOT hidden)
                OR EXISTS (SELECT FROM lineage_edges WHERE to_uuid = $1 AND NOT hidden)
            """);
        command.Parameters.AddWithValue(uuid);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>The jobs that are child_of a measurement, sample or experiment (or anything else), by UUID.</summary>
    public async Task<IReadOnlyList<LineageNode>> JobsOfAsync(string uuid, CancellationToken cancellationToken, AsOf? asOf = null) =>
        await NodesAsync(await NeighboursAsync(uuid, forwards: false, [LineageRelation.ChildOf], UuidType.PipelineJob, cancellationToken, asOf),
            cancellationToken);

    /// <summary>The files a job generated (its indexed outputs), by UUID.</summary>
    public async Task<IReadOnlyList<LineageNode>> OutputsOfAsync(string jobUuid, CancellationToken cancellationToken) =>
        await NodesAsync(await NeighboursAsync(jobUuid, forwards: false, [LineageRelation.GeneratedBy, LineageRelation.ChildOf],
            UuidType.File, cancellationToken), cancellationToken);

    /// <summary>The job that generated a file.</summary>
    public async Task<IReadOnlyList<LineageNode>> ProducerOfAsync(string fileUuid, CancellationToken cancellationToken) =>
        await NodesAsync(await NeighboursAsync(fileUuid, forwards: true, [LineageRelation.GeneratedBy], UuidType.PipelineJob,
            cancellationToken), cancellationToken);

    /// <summary>What a product file was derived from (files) and derived using (references), with the relation.</summary>
    public async Task<IReadOnlyList<(LineageNode Node, LineageRelation Relation)>> InputsOfAsync(string fileUuid,
        CancellationToken cancellationToken)
    {
        var found = await NeighboursAsync(fileUuid, forwards: true, [LineageRelation.DerivedFrom, LineageRelation.DerivedUsing], null,
            cancellationToken);
        var nodes = await NodesAsync(found, cancellationToken);
        var byUuid = nodes.ToDictionary(n => n.Uuid, StringComparer.Ordinal);
        return found.Select(f => (byUuid[f.Uuid], f.Relation)).ToArray();
    }

    private async Task<List<(string Uuid, LineageRelation Relation)>> NeighboursAsync(string uuid, bool forwards,
        LineageRelation[] relations, UuidType? type, CancellationToken cancellationToken, AsOf? asOf = null)
    {
        var visible = asOf is null ? "" : " AND e.position <= $3 AND NOT (e.job_uuid = ANY($4))";
        await using var command = dataSource.CreateCommand(forwards
            ? $"SELECT DISTINCT to_uuid, relation FROM lineage_edges e WHERE from_uuid = $1 AND relation = ANY($2) AND NOT hidden{visible} ORDER BY 1, 2"
            : $"SELECT DISTINCT from_uuid, relation FROM lineage_edges e WHERE to_uuid = $1 AND relation = ANY($2) AND NOT hidden{visible} ORDER BY 1, 2");
        command.Parameters.AddWithValue(uuid);
        command.Parameters.AddWithValue(relations.Select(r => r.Wire).ToArray());
        if (asOf is not null)
        {
            command.Parameters.AddWithValue(asOf.Position);
            command.Parameters.AddWithValue(asOf.HiddenJobs.ToArray());
        }
        var found = new List<(string, LineageRelation)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var neighbour = reader.GetString(0);
            if (type is null || UuidType.ClassifyCatalog(neighbour) == type)
            {
                found.Add((neighbour, LineageRelation.FromWire(reader.GetString(1))!));
            }
        }
        return found;
    }

    private async Task<IReadOnlyList<LineageNode>> NodesAsync(IEnumerable<(string Uuid, LineageRelation Relation)> found,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await LineageNodes.DescribeAsync(connection, found.Select(f => f.Uuid).Distinct(StringComparer.Ordinal).ToArray(),
            cancellationToken);
    }
}
