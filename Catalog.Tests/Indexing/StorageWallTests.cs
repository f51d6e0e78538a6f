using System.Net;
using System.Security.Cryptography;
using Catalog.Api.Operations;
using Catalog.Core.JobCommands;
using Catalog.Core.Indexing;
using Catalog.Tests.Http;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using static Catalog.Tests.Http.CatalogHostFixture;

namespace Catalog.Tests.Indexing;

/// <summary>Reset and indexing through the real host never touch or read anything outside the storage root.</summary>
[Trait("Category", "Database")]
public sealed class StorageWallTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>, IDisposable
{
    // Large enough that no output of these tests has the same size.
    private static readonly string SecretText = string.Concat(Enumerable.Repeat("secret ", 700));

    private readonly string _outside = Path.Combine(Path.GetTempPath(), $"catalog-outside-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_outside))
        {
            Directory.Delete(_outside, recursive: true);
        }
    }

    [Theory]
    [InlineData("the archive folder")]
    [InlineData("the folder above it")]
    public async Task Given_a_link_to_outside_the_root_on_the_archive_path_when_reset_clears_then_refused_and_the_outside_files_stay(string linked)
    {
        var job = await NewJobAsync();
        var link = linked == "the archive folder" ? job.Directory : Path.GetDirectoryName(job.Directory)!;
        var target = Path.Combine(_outside, "target");
        var kept = Path.Combine(target, link == job.Directory ? "keep.txt" : Path.Combine(Path.GetFileName(job.Directory), "keep.txt"));
        Directory.CreateDirectory(Path.GetDirectoryName(kept)!);
        await File.WriteAllTextAsync(kept, "keep");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        Directory.CreateSymbolicLink(link, target);

        var (status, answer) = await ResetAsync(job.Uuid);

        Assert.Equal("keep", await File.ReadAllTextAsync(kept));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("RESET", (string?)answer["state"]);
        Assert.False((bool)answer["archive_cleared"]!);
        Assert.Contains("link", (string?)answer["archive_note"]);
    }

    [Theory]
    [InlineData("/products/v2/")]
    [InlineData("/products/v2")]
    public async Task Given_the_archive_path_is_products_v2_itself_when_reset_clears_then_refused_and_other_jobs_outputs_stay(string archivePath)
    {
        var other = await NewJobAsync();
        var output = Path.Combine(other.Directory, "out.txt");
        Directory.CreateDirectory(other.Directory);
        await File.WriteAllTextAsync(output, "other job's output");
        var job = await NewJobAsync($$""", "archive_path": "{{archivePath}}" """);
        Assert.Equal(archivePath, job.ArchivePath);

        var (status, answer) = await ResetAsync(job.Uuid);

        Assert.True(File.Exists(output));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False((bool)answer["archive_cleared"]!);
        Assert.Contains("/products/v2", (string?)answer["archive_note"]);
    }

    [Fact]
    public async Task Given_links_planted_inside_the_archive_folder_when_reset_clears_then_the_links_go_and_their_targets_stay()
    {
        var job = await NewJobAsync();
        Directory.CreateDirectory(Path.Combine(job.Directory, "sub", "deeper"));
        await File.WriteAllTextAsync(Path.Combine(job.Directory, "out.txt"), "x");
        await File.WriteAllTextAsync(Path.Combine(job.Directory, "sub", "deeper", "y.txt"), "y");
        var target = Path.Combine(_outside, "target");
        Directory.CreateDirectory(Path.Combine(target, "inner"));
        await File.WriteAllTextAsync(Path.Combine(target, "keep.txt"), "keep");
        await File.WriteAllTextAsync(Path.Combine(target, "inner", "keep.txt"), "keep");
        Directory.CreateSymbolicLink(Path.Combine(job.Directory, "to-folder"), target);
        File.CreateSymbolicLink(Path.Combine(job.Directory, "to-file"), Path.Combine(target, "keep.txt"));
        Directory.CreateSymbolicLink(Path.Combine(job.Directory, "sub", "to-folder"), target);
        Directory.CreateSymbolicLink(Path.Combine(job.Directory, "sub", "deeper", "to-inner"), Path.Combine(target, "inner"));

        var (status, answer) = await ResetAsync(job.Uuid);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((bool)answer["archive_cleared"]!);
        Assert.True(Directory.Exists(job.Directory));
        Assert.Empty(Directory.EnumerateFileSystemEntries(job.Directory));
        Assert.Equal("keep", await File.ReadAllTextAsync(Path.Combine(target, "keep.txt")));
        Assert.Equal("keep", await File.ReadAllTextAsync(Path.Combine(target, "inner", "keep.txt")));
    }

    [Fact]
    public async Task Given_links_to_an_outside_file_and_folder_in_the_archive_folder_when_indexed_then_no_outside_size_or_checksum_is_recorded()
    {
        var job = await new IndexingScenario(host).FinishedJobAsync(productPatterns: "[]");
        job.Write("a.txt", "alpha");
        var secret = WriteOutside("secret.txt");
        WriteOutside(Path.Combine("folder", "inner.txt"));
        File.CreateSymbolicLink(Path.Combine(job.Directory, "secret.txt"), secret);
        Directory.CreateSymbolicLink(Path.Combine(job.Directory, "folder"), Path.Combine(_outside, "folder"));

        var (status, body) = await job.IndexAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([job.ArchivePath + "/a.txt"], body["files"]!.Select(f => (string)f["name"]!));
        await AssertNoSecretInEventsAsync(job.Uuid);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Given_files_replaced_by_links_to_outside_during_a_run_then_they_are_skipped_and_nothing_outside_is_recorded(bool fixity)
    {
        var job = await new IndexingScenario(host).FinishedJobAsync(productPatterns: "[]");
        job.Write("a.txt", "alpha");
        job.Write("b.txt", "bravo");
        var secret = WriteOutside("secret.txt");
        var hook = new FirstProgressHook(() =>
        {
            foreach (var name in new[] { "a.txt", "b.txt" })
            {
                File.Delete(Path.Combine(job.Directory, name));
                File.CreateSymbolicLink(Path.Combine(job.Directory, name), secret);
            }
        });

        var outcome = await IndexOneByOneAsync(job, hook, fixity);

        await AssertNoSecretInEventsAsync(job.Uuid);
        Assert.Equal(IndexingOutcomeKind.Indexed, outcome.Kind);
        Assert.Equal(1, outcome.Count);
        Assert.Contains(hook.Lines, line => line.Contains("skipped", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Given_a_subfolder_replaced_by_a_link_to_outside_during_a_run_then_its_files_are_skipped_and_nothing_outside_is_recorded(bool fixity)
    {
        var job = await new IndexingScenario(host).FinishedJobAsync(productPatterns: "[]");
        job.Write("sub/x.txt", "xray");
        job.Write("sub/y.txt", "yankee");
        WriteOutside(Path.Combine("folder", "x.txt"));
        WriteOutside(Path.Combine("folder", "y.txt"));
        var sub = Path.Combine(job.Directory, "sub");
        var hook = new FirstProgressHook(() =>
        {
            Directory.Delete(sub, recursive: true);
            Directory.CreateSymbolicLink(sub, Path.Combine(_outside, "folder"));
        });

        var outcome = await IndexOneByOneAsync(job, hook, fixity);

        await AssertNoSecretInEventsAsync(job.Uuid);
        Assert.Equal(IndexingOutcomeKind.Indexed, outcome.Kind);
        Assert.Equal(1, outcome.Count);
    }

    private string WriteOutside(string relative)
    {
        var path = Path.Combine(_outside, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, SecretText);
        return path;
    }

    // One file per batch, so the hook runs between the first file and the next.
    private async Task<IndexingOutcome> IndexOneByOneAsync(IndexingScenario job, FirstProgressHook hook, bool fixity)
    {
        var state = await host.Services.GetRequiredService<JobService>().LoadAsync(job.Uuid, CancellationToken.None);
        var indexing = new IndexingService(host.Services.GetRequiredService<JobService>(),
            host.Services.GetRequiredService<CatalogDatabase>().DataSource, host.StorageRoot, hook,
            new IndexingOptions { BatchSize = 1, ProgressEvery = 1 });
        var filters = fixity ? null : JArray.Parse("""[{"patterns": [".txt$"], "level": "1"}]""");
        return await indexing.IndexAsync(state, JobCaller.Admin, filters, null, fixity, CancellationToken.None);
    }

    private async Task AssertNoSecretInEventsAsync(string uuid)
    {
        var (status, events) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}/events");
        Assert.Equal(HttpStatusCode.OK, status);
        var files = events.SelectTokens("$[*].data.files[*]").ToArray();
        Assert.NotEmpty(files);
        Assert.DoesNotContain(files, file => (long?)file["size"] == SecretText.Length);
        var secretChecksum = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(SecretText)));
        Assert.DoesNotContain(files, file => (string?)file["checksum"] == secretChecksum);
    }

    private Task<(HttpStatusCode Status, JToken Body)> ResetAsync(string uuid) =>
        host.Client.PostAsync($"/api/v1/jobs/{uuid}/reset", """{"clear_archive": true}""", AdminKey);

    // A pipeline of its own per job, so that no two jobs share a folder above their archive folders.
    private async Task<(string Uuid, string ArchivePath, string Directory)> NewJobAsync(string extra = "")
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines",
            $$"""{"id": "tacc/wall-{{Guid.NewGuid():N}}:1", "name": "Wall", "components": []}""", AgentKey);
        var (status, job) = await host.Client.PostAsync("/api/v1/jobs",
            $$"""{"pipeline_uuid": "{{pipeline["uuid"]}}", "data": {"run": "{{Guid.NewGuid():N}}"}{{extra}}}""", AgentKey);
        Assert.Equal(HttpStatusCode.Created, status);
        var archivePath = (string)job["archive_path"]!;
        return ((string)job["uuid"]!, archivePath, Path.Combine(host.StorageRoot, (string)job["archive_system"]!, archivePath.TrimStart('/')));
    }
}
