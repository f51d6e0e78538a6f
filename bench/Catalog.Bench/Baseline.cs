using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Catalog.Bench;

/// <summary>
/// The ceiling: pgbench on the same PostgreSQL, at the catalog's concurrency, doing the least durable work one webhook
/// event needs (insert an event row and upsert a document row in one transaction, synchronous_commit on). Whatever the
/// catalog adds on top (deciding on the folded state, the version check, the log-head lock, idempotency, HTTP) shows up as
/// the ratio between the two.
/// </summary>
internal static partial class Baseline
{
    // One event of realistic size and the compact document a minimal store would keep; ids spread over many jobs so
    // clients rarely wait on each other's row, as the catalog's agents rarely share a job.
    private const string Script = """
        \set id random(1, 100000)
        BEGIN;
        INSERT INTO bench_events (stream, data) VALUES ('job-' || :id, '{"name":"update","data":{"progress":60,"message":"step 3 of 5"}}');
        INSERT INTO bench_docs AS d (id, version, doc) VALUES ('job-' || :id, 1, '{"state":"RUNNING","last_event":"update","version":1}') ON CONFLICT (id) DO UPDATE SET version = d.version + 1, doc = excluded.doc;
        END;

        """;

    public static async Task<BaselineResult> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        await using (var connection = new NpgsqlConnection(options.BaselineDb))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand("""
                DROP TABLE IF EXISTS bench_events, bench_docs;
                CREATE TABLE bench_events (position bigserial PRIMARY KEY, stream text NOT NULL, data json NOT NULL);
                CREATE TABLE bench_docs (id text PRIMARY KEY, version int NOT NULL, doc json NOT NULL);
                """, connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        var scriptPath = Path.Combine(options.WorkDir, "baseline.sql");
        await File.WriteAllTextAsync(scriptPath, Script, cancellationToken);
        var database = new NpgsqlConnectionStringBuilder(options.BaselineDb).Database ?? "postgres";
        var info = new ProcessStartInfo(Path.Combine(options.PgBin, "pgbench"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "-h", "127.0.0.1", "-p", options.PgPort.ToString(CultureInfo.InvariantCulture), "-U", "postgres",
            "-n", "-M", "prepared",
            "-c", options.Concurrency.ToString(CultureInfo.InvariantCulture),
            "-j", Math.Min(2, options.Concurrency).ToString(CultureInfo.InvariantCulture),
            "-T", options.BaselineSeconds.ToString(CultureInfo.InvariantCulture),
            "-f", scriptPath, database,
        })
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["PGCONNECT_TIMEOUT"] = "10";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("pgbench did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = await stdout;
        var errors = await stderr;
        await File.WriteAllTextAsync(Path.Combine(options.WorkDir, "pgbench.out"), output + errors, cancellationToken);
        if (process.ExitCode != 0 || TpsLine().Match(output) is not { Success: true } tps)
        {
            throw new InvalidOperationException($"pgbench failed (exit code {process.ExitCode}):\n{output}\n{errors}");
        }
        return new BaselineResult(
            Number(tps.Groups[1].Value),
            LatencyLine().Match(output) is { Success: true } latency ? Number(latency.Groups[1].Value) : null,
            ProcessedLine().Match(output) is { Success: true } processed ? long.Parse(processed.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            FailedLine().Match(output) is { Success: true } failed ? long.Parse(failed.Groups[1].Value, CultureInfo.InvariantCulture) : null);
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^tps = ([0-9.]+) \(without initial connection time\)", RegexOptions.Multiline)]
    private static partial Regex TpsLine();

    [GeneratedRegex(@"^latency average = ([0-9.]+) ms", RegexOptions.Multiline)]
    private static partial Regex LatencyLine();

    [GeneratedRegex(@"^number of transactions actually processed: ([0-9]+)", RegexOptions.Multiline)]
    private static partial Regex ProcessedLine();

    [GeneratedRegex(@"^number of failed transactions: ([0-9]+)", RegexOptions.Multiline)]
    private static partial Regex FailedLine();
}
