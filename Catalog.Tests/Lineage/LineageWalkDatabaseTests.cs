using Catalog.Core.EventStore;
using Catalog.Core.Identifiers;
using Catalog.Core.Lineage;
using Catalog.Core.Queries;
using Catalog.Tests.Fixtures;
using Npgsql;

namespace Catalog.Tests.Lineage;

/// <summary>
/// The walk over the database (<see cref="LineageQueries.TraverseAsync"/>: its level queries, the edges between the
/// answer's nodes) against the walk over an in-memory edge list (<see cref="LineageWalk"/> fed as LineageWalkTests
/// feeds it) on random graphs: cycles, parallel edges of several relations and jobs, hidden edges,
/// edges stated at different log positions, walks as of a position with hidden jobs, every direction, depths and node
/// limits small enough to cut answers short. Nodes (in order), truncation and edges must be the model's.
/// </summary>
[Trait("Category", "Database")]
public sealed class LineageWalkDatabaseTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string[] Relations = ["child_of", "generated_by", "derived_from", "acted_on"];
    private static readonly UuidType[] Types = [UuidType.PipelineJob, UuidType.File, UuidType.Measurement, UuidType.Sample];

    private string _connectionString = "";
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresDatabase.CreateFreshDatabaseAsync("lineage_walk");
        _dataSource = NpgsqlDataSource.Create(_connectionString);
        await SchemaMigrator.MigrateAsync(_dataSource, None);
    }

    public async Task DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await PostgresDatabase.DropDatabaseAsync(_connectionString);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task Given_random_graphs_when_walked_in_the_database_then_the_answers_are_the_models(int seed)
    {
        var random = new Random(seed);
        var queries = new LineageQueries(_dataSource);
        for (var graph = 0; graph < 8; graph++)
        {
            var nodes = Enumerable.Range(0, random.Next(3, 40))
                .Select(i => TypedUuid.Create(Types[random.Next(Types.Length)], $"walk/{seed}/{graph}/{i}")).ToArray();
            var jobs = Enumerable.Range(0, 4).Select(i => TypedUuid.Create(UuidType.PipelineJob, $"walk-job/{seed}/{graph}/{i}")).ToArray();
            var edges = Enumerable.Range(0, random.Next(0, nodes.Length * 3))
                .Select(_ => new Edge(nodes[random.Next(nodes.Length)], Relations[random.Next(Relations.Length)], nodes[random.Next(nodes.Length)],
                    jobs[random.Next(jobs.Length)], random.Next(10) == 0, random.Next(1, 100)))
                .DistinctBy(e => (e.From, e.Relation, e.To, e.Job))
                .ToArray();
            await LoadAsync(edges);

            for (var query = 0; query < 25; query++)
            {
                var root = nodes[random.Next(nodes.Length)];
                var direction = (LineageDirection)random.Next(3);
                var depth = random.Next(1, 7);
                var limit = random.Next(1, nodes.Length + 3);
                var asOf = random.Next(3) == 0
                    ? new AsOf(DateTimeOffset.UnixEpoch, random.Next(0, 100), jobs.Where(_ => random.Next(3) == 0).ToArray())
                    : null;

                var answer = await queries.TraverseAsync(root, direction, depth, limit, None, asOf);

                var (expectedNodes, truncated, expectedEdges) = Model(edges, new LineageRequest(root, direction, depth, limit), asOf);
                var context = $"seed {seed}, graph {graph}, query {query}: {direction} depth {depth} limit {limit}{(asOf is null ? "" : $" as of {asOf.Position}")}";
                Assert.True(expectedNodes.SequenceEqual(answer.Nodes.Select(n => n.Uuid)),
                    $"{context}: nodes [{string.Join(", ", answer.Nodes.Select(n => n.Uuid))}] instead of [{string.Join(", ", expectedNodes)}]");
                Assert.True(truncated == answer.Truncated, $"{context}: truncated {answer.Truncated} instead of {truncated}");
                Assert.True(expectedEdges.SequenceEqual(answer.Edges.Select(e => $"{e.From} {e.Relation.Wire} {e.To}")),
                    $"{context}: {answer.Edges.Count} edges instead of {expectedEdges.Count}");
            }
        }
    }

    private static (IReadOnlyList<string> Nodes, bool Truncated, IReadOnlyList<string> Edges) Model(Edge[] edges, LineageRequest request, AsOf? asOf)
    {
        var visible = edges.Where(e => !e.Hidden && (asOf is null || (e.Position <= asOf.Position && !asOf.HiddenJobs.Contains(e.Job)))).ToArray();
        var walk = new LineageWalk(request);
        while (!walk.Finished)
        {
            walk.Advance(
                Next(visible, walk.UpFrontier, walk.UpVisited, forwards: true, walk.FetchLimit(LineageDirection.Upstream)),
                Next(visible, walk.DownFrontier, walk.DownVisited, forwards: false, walk.FetchLimit(LineageDirection.Downstream)));
        }
        var inside = walk.Nodes.ToHashSet(StringComparer.Ordinal);
        var between = visible.Where(e => inside.Contains(e.From) && inside.Contains(e.To))
            .Select(e => (e.From, e.Relation, e.To)).Distinct()
            .OrderBy(e => e.From, StringComparer.Ordinal).ThenBy(e => e.Relation, StringComparer.Ordinal).ThenBy(e => e.To, StringComparer.Ordinal)
            .Select(e => $"{e.From} {e.Relation} {e.To}").ToArray();
        return (walk.Nodes.ToArray(), walk.Truncated, between);
    }

    // What one level of the walk finds: the distinct unvisited neighbours of the frontier, in ordinal order, at most limit.
    private static string[] Next(Edge[] edges, IReadOnlyList<string> frontier, IReadOnlyCollection<string> visited, bool forwards, int limit) =>
        edges.Where(e => frontier.Contains(forwards ? e.From : e.To))
            .Select(e => forwards ? e.To : e.From)
            .Where(n => !visited.Contains(n))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Take(limit)
            .ToArray();

    private async Task LoadAsync(Edge[] edges)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(None);
        await using (var truncate = new NpgsqlCommand("TRUNCATE lineage_edges", connection))
        {
            await truncate.ExecuteNonQueryAsync(None);
        }
        await using var insert = new NpgsqlCommand("""
            INSERT INTO lineage_edges (from_uuid, relation, to_uuid, job_uuid, hidden, position)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::bigint[])
            """, connection);
        insert.Parameters.AddWithValue(edges.Select(e => e.From).ToArray());
        insert.Parameters.AddWithValue(edges.Select(e => e.Relation).ToArray());
        insert.Parameters.AddWithValue(edges.Select(e => e.To).ToArray());
        insert.Parameters.AddWithValue(edges.Select(e => e.Job).ToArray());
        insert.Parameters.AddWithValue(edges.Select(e => e.Hidden).ToArray());
        insert.Parameters.AddWithValue(edges.Select(e => (long)e.Position).ToArray());
        await insert.ExecuteNonQueryAsync(None);
    }

    private sealed record Edge(string From, string Relation, string To, string Job, bool Hidden, int Position);
}
