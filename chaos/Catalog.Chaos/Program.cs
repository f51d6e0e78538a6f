using System.Text.Encodings.Web;
using System.Text.Json;
using Catalog.Chaos;

ChaosOptions options;
try
{
    options = ChaosOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"Catalog.Chaos: {ex.Message}\n{ChaosOptions.Usage}");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var cancellationToken = cancel.Token;

var ledger = new ServerErrorLedger();
var results = new ChaosResults();
using var http = ChaosClient.CreateHttpClient(Math.Max(options.Agents, options.ContentionAgents) + 3 * 8);
var client = new ChaosClient(http, options, ledger);

var catalog = CatalogProcess.Start(options);
ChaosContext context;
try
{
    await catalog.WaitHealthyAsync(http, TimeSpan.FromSeconds(60), cancellationToken);
    context = new ChaosContext(options, client, ledger, results)
    {
        Catalog = catalog,
        PipelineUuid = await client.CreatePipelineAsync("chaos-" + Guid.NewGuid().ToString("N")[..8], cancellationToken),
    };
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException)
{
    Console.Error.WriteLine($"[chaos] the catalog did not come up: {ex.Message}");
    await catalog.StopAsync();
    return 1;
}

var parts = new (string Name, Func<ChaosContext, CancellationToken, Task> Run)[]
{
    ("crash", CrashPart.RunAsync),
    ("outage", OutagePart.RunAsync),
    ("duplicates", DuplicatesPart.RunAsync),
    ("contention", ContentionPart.RunAsync),
    ("hostile", AttacksPart.RunAsync),
};
foreach (var (name, run) in parts)
{
    cancellationToken.ThrowIfCancellationRequested();
    Console.Error.WriteLine($"[chaos] part: {name}");
    var errorsBefore = ledger.ServerErrors;
    var partStarted = System.Diagnostics.Stopwatch.GetTimestamp();
    try
    {
        await run(context, cancellationToken);
    }
    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
    {
        results.Part(name).Fail($"stopped by {ex.GetType().Name}: {ex.Message}");
    }
    var part = results.Part(name);
    results.PartSeconds[name] = Math.Round(System.Diagnostics.Stopwatch.GetElapsedTime(partStarted).TotalSeconds, 1);
    var errors = ledger.ServerErrors - errorsBefore;
    part.Check(errors == 0, $"{errors} answers were 5xx other than the outage's 503: {string.Join(" | ", ledger.Examples.TakeLast(3))}");
    if (context.Catalog.HasExited)
    {
        // A part that killed the catalog must not fail the parts after it too.
        part.Fail($"the catalog exited during this part:\n{context.Catalog.LogTail()}");
        context.Catalog = CatalogProcess.Start(options);
        await context.Catalog.WaitHealthyAsync(http, TimeSpan.FromSeconds(60), cancellationToken);
    }
}

// A graceful stop flushes the console logger, so the scan below sees everything the catalog wrote.
await context.Catalog.StopAsync();
var secrets = new List<string> { options.AdminKey, options.AgentKey };
secrets.AddRange(client.Tokens);
if (File.Exists(options.AttackSecretsFile))
{
    secrets.AddRange(File.ReadLines(options.AttackSecretsFile).Select(line => line.Trim()).Where(line => line.Length > 0));
}
results.SecretsInLogs = SecretScan.Count(await File.ReadAllTextAsync(options.ApiLog, cancellationToken), secrets);
results.Part("secrets").Check(results.SecretsInLogs == 0,
    $"keys or job tokens appear {results.SecretsInLogs} times in the catalog's log ({secrets.Count} secrets looked for)");
results.ServerErrors = ledger.ServerErrors;

var json = results.ToJson(options, await MachineInfo.DescribeAsync(options.CatalogDb, cancellationToken))
    .ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
await File.WriteAllTextAsync(options.JsonOut, json, cancellationToken);
if (options.LatestOut is { } latest)
{
    await File.WriteAllTextAsync(latest, json, cancellationToken);
}
Console.Write(Report.Table(results, options));
return results.AllPassed ? 0 : 1;
