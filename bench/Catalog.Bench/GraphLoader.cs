using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Catalog.Bench;

/// <summary>
/// Writes a <see cref="SyntheticGraph"/> straight into the catalog's read tables with binary COPY: lineage_edges, and
/// the rows the lineage route labels nodes from (job_documents joined with pipelines, files). Going around the API is
/// deliberate: a million jobs through HTTP would take hours, and the lineage part measures reading, not writing.
/// </summary>
internal static class GraphLoader
{
    public static async Task<GraphLoad> LoadAsync(BenchOptions options, SyntheticGraph graph, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = DateTime.UtcNow;
        await using var dataSource = NpgsqlDataSource.Create(options.CatalogDb);
        await InsertPipelinesAsync(dataSource, graph, cancellationToken);
        // One COPY per table, side by side: each regenerates the shapes it needs from the seed.
        var results = await Task.WhenAll(
            Task.Run(() => CopyEdgesAsync(dataSource, graph, cancellationToken), cancellationToken),
            Task.Run(() => CopyJobsAsync(dataSource, graph, now, cancellationToken), cancellationToken),
            Task.Run(() => CopyFilesAsync(dataSource, graph, now, cancellationToken), cancellationToken));
        var loadSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        // Autovacuum would get there on its own; doing it now gives the planner real statistics and the index-only
        // scans a visibility map, as a catalog that has been running for a while has, and the whole database so that the
        // walks are not measured beside autovacuum clearing up after the ingest and rebuild parts.
        var analyzeStarted = Stopwatch.GetTimestamp();
        await using (var vacuum = dataSource.CreateCommand("VACUUM (ANALYZE)"))
        {
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        }
        await PrewarmAsync(dataSource, cancellationToken);
        return new GraphLoad(results[1], results[2], results[0], loadSeconds, Stopwatch.GetElapsedTime(analyzeStarted).TotalSeconds);
    }

    // What the lineage route reads, loaded into the buffers as a catalog that has been answering for a while has them
    // (pg_prewarm ships with the server; without it the first queries read from the operating system's cache). With
    // the default 128 MB of buffers this only passes through them.
    private static async Task PrewarmAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            CREATE EXTENSION IF NOT EXISTS pg_prewarm;
            SELECT sum(pg_prewarm(relation)) FROM unnest(ARRAY['lineage_edges_up', 'lineage_edges_down', 'files_pkey', 'files',
                'job_documents_pkey', 'job_documents', 'pipelines']::regclass[]) AS r (relation);
            """);
        command.CommandTimeout = 0;
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex)
        {
            Console.Error.WriteLine($"[bench] lineage: buffers not prewarmed ({ex.MessageText})");
        }
    }

    private static async Task InsertPipelinesAsync(NpgsqlDataSource dataSource, SyntheticGraph graph, CancellationToken cancellationToken)
    {
        var uuids = Enumerable.Range(0, SyntheticGraph.Pipelines).Select(p => graph.Pipeline(p)).ToArray();
        var names = Enumerable.Range(0, SyntheticGraph.Pipelines).Select(p => $"bench-pipeline-{p}").ToArray();
        var documents = uuids.Zip(names, (uuid, name) =>
            $$"""{"uuid":"{{uuid}}","name":"{{name}}","components":[{"id":"{{name}}-step","image":"catalog/bench:1"}]}""").ToArray();
        await using var insert = dataSource.CreateCommand("""
            INSERT INTO pipelines (uuid, name, document)
            SELECT u, n, d::json FROM unnest($1::text[], $2::text[], $3::text[]) AS p(u, n, d)
            ON CONFLICT DO NOTHING
            """);
        insert.Parameters.AddWithValue(uuids);
        insert.Parameters.AddWithValue(names);
        insert.Parameters.AddWithValue(documents);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> CopyEdgesAsync(NpgsqlDataSource dataSource, SyntheticGraph graph, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Synchronous writes into the importer's buffer: tens of millions of values, and only full buffers do I/O.
        using var writer = await connection.BeginBinaryImportAsync(
            "COPY lineage_edges (from_uuid, relation, to_uuid, job_uuid, hidden) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long rows = 0;
        void Edge(string from, string relation, string to, string job)
        {
            writer.StartRow();
            writer.Write(from, NpgsqlDbType.Text);
            writer.Write(relation, NpgsqlDbType.Text);
            writer.Write(to, NpgsqlDbType.Text);
            writer.Write(job, NpgsqlDbType.Text);
            writer.Write(false, NpgsqlDbType.Boolean);
            rows++;
        }
        for (long j = 0; j < graph.Jobs; j++)
        {
            if (j % 10_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var shape = graph.Shape(j);
            var job = graph.Job(j);
            var inputs = shape.Inputs.Select(graph.File).ToArray();
            var reference = shape.Reference >= 0 ? graph.Reference(shape.Reference) : null;
            Edge(job, "child_of", graph.Measurement(shape.Measurement), job);
            Edge(job, "generated_by", graph.Pipeline(shape.Pipeline), job);
            foreach (var input in inputs)
            {
                Edge(job, "acted_on", input, job);
            }
            if (reference is not null)
            {
                Edge(job, "acted_using", reference, job);
            }
            for (var k = 0; k < SyntheticGraph.FilesPerJob; k++)
            {
                var file = graph.File(j * SyntheticGraph.FilesPerJob + k);
                Edge(file, "child_of", job, job);
                Edge(file, "generated_by", job, job);
                foreach (var input in inputs)
                {
                    Edge(file, "derived_from", input, job);
                }
                if (reference is not null)
                {
                    Edge(file, "derived_using", reference, job);
                }
            }
        }
        writer.Complete();
        return rows;
    }

    private static async Task<long> CopyJobsAsync(NpgsqlDataSource dataSource, SyntheticGraph graph, DateTime now,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        using var writer = await connection.BeginBinaryImportAsync(
            "COPY job_documents (uuid, pipeline_uuid, state, child_of, deleted, version, created, updated, document) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        for (long j = 0; j < graph.Jobs; j++)
        {
            if (j % 10_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var shape = graph.Shape(j);
            var uuid = graph.Job(j);
            var pipeline = graph.Pipeline(shape.Pipeline);
            var measurement = graph.Measurement(shape.Measurement);
            var created = now.AddSeconds(j - graph.Jobs);
            writer.StartRow();
            writer.Write(uuid, NpgsqlDbType.Text);
            writer.Write(pipeline, NpgsqlDbType.Text);
            writer.Write("FINISHED", NpgsqlDbType.Text);
            writer.Write(new[] { measurement }, NpgsqlDbType.Array | NpgsqlDbType.Text);
            writer.Write(false, NpgsqlDbType.Boolean);
            writer.Write(10L, NpgsqlDbType.Bigint);
            writer.Write(created, NpgsqlDbType.TimestampTz);
            writer.Write(created.AddMinutes(5), NpgsqlDbType.TimestampTz);
            writer.Write(
                $$"""{"uuid":"{{uuid}}","pipeline_uuid":"{{pipeline}}","state":"FINISHED","last_event":"indexed","child_of":["{{measurement}}"],"version":10,"deleted":false}""",
                NpgsqlDbType.Json);
        }
        writer.Complete();
        return graph.Jobs;
    }

    private static async Task<long> CopyFilesAsync(NpgsqlDataSource dataSource, SyntheticGraph graph, DateTime now,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        using var writer = await connection.BeginBinaryImportAsync(
            "COPY files (uuid, file_id, name, storage_system, level, size, checksum, job_uuid, derived_from, derived_using, hidden, indexed_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        long rows = 0;
        for (long j = 0; j < graph.Jobs; j++)
        {
            if (j % 10_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            var shape = graph.Shape(j);
            var job = graph.Job(j);
            var inputs = shape.Inputs.Select(graph.File).ToArray();
            string[] references = shape.Reference >= 0 ? [graph.Reference(shape.Reference)] : [];
            for (var k = 0; k < SyntheticGraph.FilesPerJob; k++)
            {
                var uuid = graph.File(j * SyntheticGraph.FilesPerJob + k);
                writer.StartRow();
                writer.Write(uuid, NpgsqlDbType.Text);
                writer.Write($"file.tacc.{uuid[^12..]}", NpgsqlDbType.Text);
                writer.Write($"/products/v2/{job[..8]}/output_{k}.csv", NpgsqlDbType.Text);
                writer.Write("data-sd2e-community", NpgsqlDbType.Text);
                writer.Write("2", NpgsqlDbType.Text);
                writer.Write(4096L + j % 100_000, NpgsqlDbType.Bigint);
                writer.WriteNull();
                writer.Write(job, NpgsqlDbType.Text);
                writer.Write(inputs, NpgsqlDbType.Array | NpgsqlDbType.Text);
                writer.Write(references, NpgsqlDbType.Array | NpgsqlDbType.Text);
                writer.Write(false, NpgsqlDbType.Boolean);
                writer.Write(now, NpgsqlDbType.TimestampTz);
                rows++;
            }
        }
        writer.Complete();
        return rows;
    }
}
