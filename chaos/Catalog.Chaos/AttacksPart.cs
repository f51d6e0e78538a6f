using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Catalog.ToolKit;

namespace Catalog.Chaos;

/// <summary>
/// Parts 5 and 6 (hostile input, access matrix) are chaos/Catalog.Attacks, another tool run against the live
/// catalog. Its last stdout line is one JSON object of counts; exit code 0 means it found no failure. While it runs,
/// the catalog's resident set is sampled. Without the tool both parts are "not run" and their figures stay null.
/// </summary>
internal static class AttacksPart
{
    public static async Task RunAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        var hostile = context.Results.Part("hostile");
        var access = context.Results.Part("access");
        var options = context.Options;
        if (options.AttacksDll is null || !File.Exists(options.AttacksDll))
        {
            var reason = options.AttacksProjectExists
                ? "chaos/Catalog.Attacks exists but its build was not found"
                : "chaos/Catalog.Attacks is not in this tree";
            hostile.NotRun(reason);
            access.NotRun(reason);
            if (options.AttacksProjectExists)
            {
                hostile.Fail(reason);
                access.Fail(reason);
            }
            return;
        }

        var (exitCode, lastLine, errors) = await RunToolAsync(context, cancellationToken);
        var summary = TryParse(lastLine);
        if (summary is null)
        {
            var problem = $"the attack tool (exit code {exitCode}) did not end with a JSON summary; last line '{lastLine}'; stderr: {errors}";
            hostile.Fail(problem);
            access.Fail(problem);
            return;
        }
        long? Figure(string key) => summary[key] is JsonValue value && value.TryGetValue<long>(out var n) ? n : null;
        context.Results.HostileRequests = Figure("hostile_requests");
        context.Results.RejectedChanges = Figure("rejected_changes");
        context.Results.AccessChecks = Figure("access_checks");
        context.Results.AccessFailures = Figure("access_failures");
        context.Results.InnocentRequests = Figure("innocent_requests");
        context.Results.InnocentFailures = Figure("innocent_failures");
        context.Results.RebuildRequests = Figure("rebuild_requests");
        context.Results.RebuildFailures = Figure("rebuild_failures");
        context.Results.WallChecks = Figure("wall_checks");
        context.Results.WallFailures = Figure("wall_failures");
        context.Results.UnstorableRequests = Figure("unstorable_requests");
        context.Results.UnstorableNot422 = Figure("unstorable_not_422");
        var serverErrors = Figure("server_errors");
        context.Ledger.AddExternal("hostile", serverErrors ?? 0);

        hostile.Check(context.Results.HostileRequests > 0, "no hostile request was reported");
        hostile.Check(serverErrors == 0, $"{serverErrors?.ToString(CultureInfo.InvariantCulture) ?? "an unknown number of"} hostile requests got a 5xx");
        // Issue 11: a bad request harms only its sender, rebuilds do not disturb traffic, the storage root is a wall,
        // unstorable text is a 422. A figure missing from the summary is a tool that does not check the promise.
        foreach (var (key, promise) in new[]
        {
            ("innocent_failures", "valid requests sent alongside hostile ones failed"),
            ("rebuild_failures", "valid requests during projection rebuilds failed"),
            ("wall_failures", "clearing or indexing reached past the storage root"),
            ("unstorable_not_422", "requests with unstorable text or a forged cursor were not answered 422"),
        })
        {
            var figure = Figure(key);
            hostile.Check(figure == 0, $"{figure?.ToString(CultureInfo.InvariantCulture) ?? $"(no {key} in the summary)"} {promise}");
        }
        hostile.Check(context.Results.InnocentRequests > 0, "no innocent request was reported");
        hostile.Check(context.Results.RebuildRequests > 0, "no request during a rebuild was reported");
        hostile.Check(context.Results.WallChecks > 0, "the storage wall was not checked (the tool is given CATALOG_STORAGE_ROOT)");
        hostile.Check(context.Results.UnstorableRequests > 0, "no request with unstorable text was reported");
        access.Check(context.Results.AccessChecks > 0, "no access check was reported");
        access.Check(context.Results.AccessFailures == 0,
            $"{context.Results.AccessFailures?.ToString(CultureInfo.InvariantCulture) ?? "an unknown number of"} access checks failed");
        // The tool names its first failures; they go with the failed part so a failed run can be followed up.
        if ((hostile.Passed ? access.Passed ? null : access : hostile) is { } failed && summary["failures"] is JsonArray failures)
        {
            foreach (var failure in failures.Take(10).Select(f => f?.ToString()).OfType<string>())
            {
                failed.Fail($"the attack tool reports: {failure}");
            }
        }
        if (exitCode != 0 && hostile.Passed && access.Passed)
        {
            // The tool saw a failure its counts do not pin on one part.
            hostile.Fail($"the attack tool exited with code {exitCode}: {errors}");
            access.Fail($"the attack tool exited with code {exitCode}");
        }
        var alive = !context.Catalog.HasExited
            && await HealthProbe.StatusAsync(context.Client.Http, options.ApiUrl, cancellationToken) == 200;
        hostile.Check(alive, "the catalog was not healthy after the attacks");
    }

    private static async Task<(int ExitCode, string LastLine, string Errors)> RunToolAsync(ChaosContext context,
        CancellationToken cancellationToken)
    {
        var options = context.Options;
        var info = new ProcessStartInfo(options.Dotnet)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The tool plants files in archive folders and canaries beside the storage root only when it knows where it is.
        info.Environment["CATALOG_STORAGE_ROOT"] = options.StorageRoot;
        foreach (var argument in new[]
        {
            options.AttacksDll!, "--url", options.ApiUrl, "--admin-key", options.AdminKey, "--agent-key", options.AgentKey,
            "--db", options.CatalogDb, "--requests", options.AttackRequests.ToString(CultureInfo.InvariantCulture),
            "--seed", options.Seed.ToString(CultureInfo.InvariantCulture), "--secrets-out", options.AttackSecretsFile,
        })
        {
            info.ArgumentList.Add(argument);
        }
        Console.Error.WriteLine($"[chaos] running the attack tool ({options.AttackRequests} requests)");
        await using var rss = new RssSampler(context.Catalog.RssKb);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("the attack tool did not start");
        var errorsTask = process.StandardError.ReadToEndAsync(cancellationToken);
        var lastLine = "";
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Trim().Length > 0)
            {
                lastLine = line.Trim();
            }
        }
        await process.WaitForExitAsync(cancellationToken);
        var errors = await errorsTask;
        context.Results.HostilePeakRssMb = Math.Round(rss.PeakKb / 1024.0, 1);
        return (process.ExitCode, lastLine, errors.Length > 2000 ? errors[^2000..] : errors);
    }

    private static JsonObject? TryParse(string line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
