using System.Text.Json.Nodes;
using Catalog.Attacks;
using CsCheck;

// Hostile input and the access matrix against a running catalog (issue 7). The last stdout line is the JSON the
// chaos runner reads; the exit code is 0 only when no count of a broken promise (AttackReport.Clean) is above zero.
AttackOptions options;
try
{
    options = AttackOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException or UriFormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(AttackOptions.Usage);
    return 2;
}

var report = new AttackReport();
var tokens = new TokenLedger();
using var http = new CatalogHttp(options.Url);
await using var probe = new DatabaseProbe(options.Db, report);
var calls = new SetupCalls(http, options, tokens);
var cancellation = CancellationToken.None;
var started = DateTime.UtcNow;
string? aborted = null;
try
{
    var storageRoot = Environment.GetEnvironmentVariable("CATALOG_STORAGE_ROOT") is { Length: > 0 } root ? root : null;
    var archive = new ArchiveFiles(storageRoot);
    var world = await HostileWorld.CreateAsync(calls, archive, options.Seed, cancellation);
    var routes = new HostileRoutes(world, options);
    var contract = await RouteCoverage.CheckAsync(http, routes.Routes, report, cancellation);

    Console.WriteLine($"access matrix against {options.Url}");
    await new AccessRunner(http, calls, options, report).RunAsync(await AccessFixture.CreateAsync(calls, options.Seed, cancellation), cancellation);

    var companions = new IBatchCompanion[]
    {
        await InnocentTraffic.CreateAsync(http, calls, options, report, tokens, world.PipelineUuid, cancellation),
        await RebuildTraffic.CreateAsync(http, calls, options, report, world.PipelineUuid, world.ProjectionNames, cancellation),
    };
    var unstorable = await UnstorableRequests.CreateAsync(calls, world, options, cancellation);
    foreach (var refused in await unstorable.RefusedBasesAsync(http, cancellation))
    {
        Console.WriteLine($"unstorable text: preview refuses an unpoisoned job body, its variants prove little: {refused}");
    }
    var run = new HostileRun(http, probe, report, tokens, contract, companions);
    Console.WriteLine($"hostile input: {options.Requests} requests, seed {options.Seed}, with innocent traffic and rebuilds alongside");
    var poisoned = Gen.Int[0, unstorable.All.Count - 1].Select(i => unstorable.All[i]);
    await run.RunAsync(HostileRun.Drawn(Gen.Frequency((9, routes.All), (1, poisoned)), options.Seed), options.Requests, "hostile", cancellation);
    // Then every unstorable variant once, so each field of each route is covered whatever the draws were.
    Console.WriteLine($"unstorable text: {unstorable.All.Count} requests, every string of every body route, query values, forged cursors");
    await run.RunAsync(unstorable.All, unstorable.All.Count, "unstorable", cancellation);
    if (storageRoot is null)
    {
        Console.WriteLine("storage wall: not checked, CATALOG_STORAGE_ROOT is not in the environment");
    }
    else
    {
        Console.WriteLine($"storage wall: canaries beside {storageRoot}");
        await new StorageWall(http, calls, options, report, archive, storageRoot).RunAsync(world.PipelineUuid, cancellation);
    }
    foreach (var name in await probe.FilesThroughLinksAsync(cancellation))
    {
        report.AccessFailure($"indexing followed a link out of the storage root: {name}");
    }
    foreach (var row in await probe.PurgeLeftoversAsync(cancellation))
    {
        report.IntegrityFailure($"a purged job left a row behind: {row}");
    }
}
catch (Exception ex) when (ex is InvalidOperationException or Npgsql.NpgsqlException or HttpRequestException)
{
    // A fixture that cannot be built is a failure of the run, not a pass with nothing checked.
    aborted = ex.Message;
    report.ServerError($"run aborted: {ex.Message}");
}
finally
{
    tokens.WriteTo(options.SecretsOut);
}

Console.WriteLine("answers by route:");
foreach (var line in report.RouteStatusLines())
{
    Console.WriteLine(line);
}
var json = report.ToJson();
json["seed"] = options.Seed;
json["tokens_recorded"] = tokens.Count;
json["seconds"] = Math.Round((DateTime.UtcNow - started).TotalSeconds, 1);
if (aborted is not null)
{
    json["aborted"] = aborted;
}
// Relaxed escaping keeps the failure texts readable; the line is still one JSON object.
Console.WriteLine(json.ToJsonString(new System.Text.Json.JsonSerializerOptions
{
    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
}));
return report.Clean ? 0 : 1;
