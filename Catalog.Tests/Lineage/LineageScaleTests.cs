using System.Diagnostics;
using Catalog.Core.EventStore;
using Catalog.Core.JobCommands;
using Catalog.Core.Identifiers;
using Catalog.Core.Lineage;
using Catalog.Core.Queries;
using Catalog.Tests.Fixtures;
using Npgsql;
using NpgsqlTypes;
using Xunit.Abstractions;

namespace Catalog.Tests.Lineage;

/// <summary>
/// Depth-10 walks over a generated graph of a realistic size, loaded with COPY into a database of its own: 100,000
/// jobs, each child_of 2 of 50,000 measurements and generated_by 1 of 50 pipelines, with 5 output files each (child_of
/// and generated_by the job), and 1,000 derived_from chains 12 files long. Only correctness is asserted; the
/// latencies are printed.
/// </summary>
[Trait("Category", "Database")]
public sealed class LineageScaleTests(ITestOutputHelper output)
{
    private const int Jobs = 100_000;
    private const int Measurements = 50_000;
    private const int Pipelines = 50;
    private const int FilesPerJob = 5;
    private const int Chains = 1_000;
    private const int ChainLength = 12;
    private const int Queries = 50;

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Given_a_million_edges_when_walking_depth_10_from_random_roots_then_chains_are_followed_and_latencies_reported()
    {
        var connectionString = await PostgresDatabase.CreateFreshDatabaseAsync("lineage_scale");
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            await SchemaMigrator.MigrateAsync(dataSource, None);
            var clock = Stopwatch.StartNew();
            var graph = new GeneratedGraph();
            var edges = await LoadAsync(dataSource, graph);
            output.WriteLine($"Loaded {edges:N0} edges ({Jobs:N0} jobs, {Jobs * FilesPerJob:N0} files) in {clock.Elapsed.TotalSeconds:0.0} s.");

            var queries = new LineageQueries(dataSource);
            var chain = graph.Chain(7);
            var downstream = await queries.TraverseAsync(chain[0], LineageDirection.Downstream, 10, 1000, None);
            Assert.Equal(chain[..11], downstream.Nodes.Select(n => n.Uuid));
            Assert.Equal(10, downstream.Edges.Count);
            var upstream = await queries.TraverseAsync(chain[^1], LineageDirection.Upstream, 10, 1000, None);
            Assert.Superset(chain[1..].ToHashSet(), upstream.Nodes.Select(n => n.Uuid).ToHashSet());
            Assert.False(upstream.Truncated);

            var random = new Random(20261124);
            foreach (var direction in new[] { LineageDirection.Upstream, LineageDirection.Downstream })
            {
                var times = new List<double>();
                var sizes = new List<int>();
                for (var i = 0; i < Queries; i++)
                {
                    var root = graph.RandomRoot(random, i);
                    var started = Stopwatch.GetTimestamp();
                    var walk = await queries.TraverseAsync(root, direction, 10, 1000, None);
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    sizes.Add(walk.Nodes.Count);
                }
                times.Sort();
                output.WriteLine($"{direction} depth 10, {Queries} random roots: p50 {Percentile(times, 0.50):0.0} ms, " +
                    $"p99 {Percentile(times, 0.99):0.0} ms, max {times[^1]:0.0} ms; nodes per answer median {sizes.Order().ElementAt(sizes.Count / 2)}, max {sizes.Max()}.");
            }
            output.WriteLine($"Whole test {clock.Elapsed.TotalSeconds:0.0} s.");
        }
        finally
        {
            await PostgresDatabase.DropDatabaseAsync(connectionString);
        }
    }

    // Bulk load: the table's indexes are dropped for the COPY and rebuilt from their own definitions afterwards.
    private static async Task<long> LoadAsync(NpgsqlDataSource dataSource, GeneratedGraph graph)
    {
        await using var connection = await dataSource.OpenConnectionAsync(None);
        var rebuild = new List<string>();
        await using (var read = new NpgsqlCommand("""
            SELECT 'ALTER TABLE lineage_edges ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE conrelid = 'lineage_edges'::regclass AND contype = 'p'
            UNION ALL
            SELECT indexdef FROM pg_indexes i WHERE tablename = 'lineage_edges'
                AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conname = i.indexname)
            """, connection))
        await using (var reader = await read.ExecuteReaderAsync(None))
        {
            while (await reader.ReadAsync(None))
            {
                rebuild.Add(reader.GetString(0));
            }
        }
        await Execute(connection, """
            DO $$ DECLARE r record; BEGIN
                EXECUTE (SELECT 'ALTER TABLE lineage_edges DROP CONSTRAINT ' || quote_ident(conname)
                         FROM pg_constraint WHERE conrelid = 'lineage_edges'::regclass AND contype = 'p');
                FOR r IN SELECT indexname FROM pg_indexes WHERE tablename = 'lineage_edges' LOOP
                    EXECUTE 'DROP INDEX ' || quote_ident(r.indexname);
                END LOOP;
            END $$
            """);
        long count = 0;
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY lineage_edges (from_uuid, relation, to_uuid, job_uuid) FROM STDIN (FORMAT BINARY)", None))
        {
            foreach (var (from, relation, to, job) in graph.Edges())
            {
                await writer.StartRowAsync(None);
                await writer.WriteAsync(from, NpgsqlDbType.Text, None);
                await writer.WriteAsync(relation, NpgsqlDbType.Text, None);
                await writer.WriteAsync(to, NpgsqlDbType.Text, None);
                await writer.WriteAsync(job, NpgsqlDbType.Text, None);
                count++;
            }
            await writer.CompleteAsync(None);
        }
        await Execute(connection, "SET maintenance_work_mem = '256MB'");
        foreach (var statement in rebuild)
        {
            await Execute(connection, statement);
        }
        await Execute(connection, "VACUUM ANALYZE lineage_edges");
        return count;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync(None);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private sealed class GeneratedGraph
    {
        private readonly string[] _pipelines = Make(Pipelines, UuidType.Pipeline, "scale-pipeline");
        private readonly string[] _measurements = Make(Measurements, UuidType.Measurement, "measurement.scale");
        private readonly string[] _jobs = Make(Jobs, UuidType.PipelineJob, "scale-job");
        private readonly string[] _files = Make(Jobs * FilesPerJob, UuidType.File, "/products/v2/scale");

        // Chain c uses the first output of jobs c * ChainLength ... c * ChainLength + ChainLength - 1.
        public string[] Chain(int c) => Enumerable.Range(0, ChainLength).Select(k => _files[(c * ChainLength + k) * FilesPerJob]).ToArray();

        public string RandomRoot(Random random, int i) => (i % 5) switch
        {
            0 => _files[random.Next(_files.Length)],
            1 => _jobs[random.Next(_jobs.Length)],
            2 => _measurements[random.Next(_measurements.Length)],
            3 => Chain(random.Next(Chains))[random.Next(ChainLength)],
            _ => _pipelines[random.Next(_pipelines.Length)],
        };

        public IEnumerable<(string From, string Relation, string To, string Job)> Edges()
        {
            for (var i = 0; i < Jobs; i++)
            {
                var job = _jobs[i];
                yield return (job, "child_of", _measurements[2 * i % Measurements], job);
                yield return (job, "child_of", _measurements[(2 * i + 1) % Measurements], job);
                yield return (job, "generated_by", _pipelines[i % Pipelines], job);
                for (var f = 0; f < FilesPerJob; f++)
                {
                    yield return (_files[i * FilesPerJob + f], "child_of", job, job);
                    yield return (_files[i * FilesPerJob + f], "generated_by", job, job);
                }
            }
            for (var c = 0; c < Chains; c++)
            {
                var chain = Chain(c);
                for (var k = 1; k < ChainLength; k++)
                {
                    yield return (chain[k], "derived_from", chain[k - 1], _jobs[(c * ChainLength + k)]);
                }
            }
        }

        private static string[] Make(int count, UuidType type, string prefix)
        {
            var uuids = new string[count];
            Parallel.For(0, count, i => uuids[i] = TypedUuid.Create(type, $"{prefix}/{i}"));
            return uuids;
        }
    }
}
