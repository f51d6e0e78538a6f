using System.Text.Json.Nodes;

namespace Catalog.Attacks;

/// <summary>
/// Issue 11, item 8: the storage root is a wall. Only when CATALOG_STORAGE_ROOT is known (the catalog's and this
/// tool's). Archive folders are given links to canaries outside the root, then cleared by admin resets with
/// `clear_archive` (links to a folder and a file; the archive folder itself a link; archive paths that name the whole
/// `/products/v2` tree or more) and indexed (a link to an outside file must not be recorded: no `files_indexed` event
/// may name the canary's size or SHA-256). After each step every canary must be there with its content, and every
/// file of the index targets' archives too. A 4xx refusal is acceptable; a 5xx is a server error as anywhere.
/// </summary>
internal sealed class StorageWall(CatalogHttp http, SetupCalls calls, AttackOptions options, AttackReport report, ArchiveFiles archive,
    string storageRoot)
{
    /// <summary>Archive paths whose clearing would empty other jobs' archives, if a creation accepted them.</summary>
    private static readonly string[] WholeTrees = ["/products/v2/", "/products/v2", "/products/", "/"];

    public async Task RunAsync(string pipeline, CancellationToken cancellationToken)
    {
        using var canaries = new WallCanaries(storageRoot, options.Seed);
        await LinksInsideAsync(pipeline, canaries, cancellationToken);
        await FolderIsALinkAsync(pipeline, canaries, cancellationToken);
        foreach (var path in WholeTrees)
        {
            await WholeTreeAsync(pipeline, path, canaries, cancellationToken);
        }
        await IndexThroughLinkAsync(pipeline, canaries, cancellationToken);
    }

    /// <summary>(a) The archive folder holds a file of its own and links to the canary folder and file.</summary>
    private async Task LinksInsideAsync(string pipeline, WallCanaries canaries, CancellationToken cancellationToken)
    {
        var job = await calls.CreateJobAsync(pipeline, cancellationToken);
        var folder = await FolderAsync(job.Uuid, cancellationToken);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "own.txt"), "own");
        File.CreateSymbolicLink(Path.Combine(folder, "canary-folder-link"), canaries.Folder);
        File.CreateSymbolicLink(Path.Combine(folder, "canary-file-link"), canaries.FilePath);
        await ClearAsync(job.Uuid, "an archive folder with links out of the storage root", canaries, cancellationToken);
    }

    /// <summary>(b) The archive folder itself is a link to the canary folder.</summary>
    private async Task FolderIsALinkAsync(string pipeline, WallCanaries canaries, CancellationToken cancellationToken)
    {
        var job = await calls.CreateJobAsync(pipeline, cancellationToken);
        var folder = await FolderAsync(job.Uuid, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateSymbolicLink(folder, canaries.Folder);
        await ClearAsync(job.Uuid, "an archive folder that is a link out of the storage root", canaries, cancellationToken);
    }

    /// <summary>(c) A job whose archive path names a whole tree (if the creation accepts it), with a link to the canary
    /// folder planted at the top of the archive system's tree.</summary>
    private async Task WholeTreeAsync(string pipeline, string archivePath, WallCanaries canaries, CancellationToken cancellationToken)
    {
        var (_, spec) = calls.NextSpec(pipeline, new JsonObject { ["archive_path"] = archivePath });
        var request = AttackRequest.Json("POST /api/v1/jobs", "archive path over the whole tree", HttpMethod.Post, "/api/v1/jobs", spec,
            CatalogHttp.Bearer(options.AgentKey));
        var answer = await http.SendAsync(request, cancellationToken);
        if (answer.IsServerError)
        {
            report.ServerError($"{request.Describe()} → {answer.Status} {answer.Error} {answer.Body}");
            return;
        }
        if (!answer.IsSuccess)
        {
            Console.WriteLine($"storage wall: a job with archive_path '{archivePath}' refused at creation ({answer.Status})");
            return;
        }
        var created = JsonNode.Parse(answer.Body)!;
        var uuid = created["uuid"]!.GetValue<string>();
        var system = created["archive_system"]?.GetValue<string>() ?? "";
        var tree = Path.Combine(storageRoot, system, "products", "v2");
        Directory.CreateDirectory(tree);
        var link = Path.Combine(tree, $"wall-canary-link-{Guid.NewGuid():N}");
        File.CreateSymbolicLink(link, canaries.Folder);
        await ClearAsync(uuid, $"a job with archive_path '{archivePath}' (stored as '{created["archive_path"]}')", canaries, cancellationToken);
    }

    /// <summary>(d) A FINISHED job's archive holds a file and a link to the canary file; indexing must record the file
    /// and never what the link points at.</summary>
    private async Task IndexThroughLinkAsync(string pipeline, WallCanaries canaries, CancellationToken cancellationToken)
    {
        var job = await calls.CreateJobAsync(pipeline, cancellationToken);
        await calls.EventAsync(job, "run", cancellationToken);
        await calls.EventAsync(job, "finish", cancellationToken);
        var folder = await FolderAsync(job.Uuid, cancellationToken);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "real.txt"), "real");
        File.CreateSymbolicLink(Path.Combine(folder, "outside-link.bin"), canaries.FilePath);
        var request = AttackRequest.Json("POST /api/v1/jobs/{uuid}/index", "index past a link out of the storage root", HttpMethod.Post,
            $"/api/v1/jobs/{job.Uuid}/index", new JsonObject
            {
                // Explicit filters: without them only the job's own patterns (none here) would be indexed.
                ["filters"] = new JsonArray(new JsonObject { ["patterns"] = new JsonArray(".*"), ["level"] = "1" }),
                ["fixity"] = true,
            }.ToJsonString(), CatalogHttp.TokenHeader(job.Token));
        var answer = await http.SendAsync(request, cancellationToken);
        if (answer.IsServerError)
        {
            report.ServerError($"{request.Describe()} → {answer.Status} {answer.Error} {answer.Body}");
        }
        else if (answer.Status != 200)
        {
            // Indexing a FINISHED job with valid filters is the contract's 200; anything else leaves the check empty.
            report.WallFailure($"{request.Describe()} → {answer.Status}, not the contract's 200: {Trim(answer.Body)}");
        }
        var events = await calls.GetAsync($"/api/v1/jobs/{job.Uuid}/events", cancellationToken);
        var list = events as JsonArray ?? events["items"]?.AsArray() ?? [];
        var recorded = list.Where(e => e?["name"]?.GetValue<string>() == "files_indexed").ToList();
        var realRecorded = recorded.Any(e => e!["data"]?.ToJsonString().Contains("real.txt", StringComparison.Ordinal) == true);
        Console.WriteLine($"storage wall: indexing past a link → {answer.Status}, {recorded.Count} files_indexed events, real.txt "
            + (realRecorded ? "recorded" : "not recorded"));
        if (answer.Status == 200 && !realRecorded)
        {
            report.WallFailure($"indexing {job.Uuid} answered 200 but recorded no real.txt, the file inside its archive: {Trim(answer.Body)}");
        }
        // The events and the index answer's own file list.
        foreach (var data in recorded.Select(e => e!["data"]?.ToJsonString() ?? "").Append(answer.Body))
        {
            if (data.Contains(canaries.Sha256, StringComparison.OrdinalIgnoreCase)
                || data.Contains(Convert.ToBase64String(Convert.FromHexString(canaries.Sha256)), StringComparison.Ordinal)
                || System.Text.RegularExpressions.Regex.IsMatch(data, $"\"size\"\\s*:\\s*{canaries.Size}\\b"))
            {
                report.WallFailure($"indexing {job.Uuid} recorded the canary outside the storage root through a link: {Trim(data)}");
            }
        }
        Verify($"indexing {job.Uuid} past a link to an outside file", canaries);
    }

    /// <summary>The admin reset with clear_archive, then the canaries and the other archives looked at.</summary>
    private async Task ClearAsync(string uuid, string what, WallCanaries canaries, CancellationToken cancellationToken)
    {
        var request = AttackRequest.Json("POST /api/v1/jobs/{uuid}/reset", "clear_archive at the storage wall", HttpMethod.Post,
            $"/api/v1/jobs/{uuid}/reset", new JsonObject { ["data"] = new JsonObject { ["why"] = "storage wall" }, ["clear_archive"] = true }.ToJsonString(),
            CatalogHttp.Bearer(options.AdminKey));
        var answer = await http.SendAsync(request, cancellationToken);
        if (answer.IsServerError)
        {
            report.ServerError($"{request.Describe()} → {answer.Status} {answer.Error} {answer.Body}");
        }
        Console.WriteLine($"storage wall: reset with clear_archive of {what} → {answer.Status} {Trim(answer.Body)}");
        Verify($"clearing {what}", canaries);
    }

    private void Verify(string step, WallCanaries canaries)
    {
        report.WallCheck();
        foreach (var damage in canaries.Damage())
        {
            report.WallFailure($"{step}: the canary {damage}");
        }
        foreach (var missing in archive.Missing())
        {
            report.WallFailure($"{step}: another job's archive file {missing} is gone or changed");
        }
    }

    /// <summary>Where the job's archive folder is under the storage root, from its document.</summary>
    private async Task<string> FolderAsync(string uuid, CancellationToken cancellationToken)
    {
        var document = await calls.GetAsync($"/api/v1/jobs/{uuid}", cancellationToken);
        var system = document["archive_system"]?.GetValue<string>() ?? throw new InvalidOperationException($"job {uuid} has no archive_system");
        var path = document["archive_path"]?.GetValue<string>() ?? throw new InvalidOperationException($"job {uuid} has no archive_path");
        return Path.Combine(storageRoot, system, path.TrimStart('/'));
    }

    private static string Trim(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
