using System.Net;
using System.Security.Cryptography;
using System.Text;
using Catalog.Core.Identifiers;
using Catalog.Tests.Http;
using Newtonsoft.Json.Linq;
using static Catalog.Tests.Http.CatalogHostFixture;

namespace Catalog.Tests.Indexing;

[Trait("Category", "Database")]
public sealed class IndexRouteTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    private async Task<IndexingScenario> JobWithOutputsAsync()
    {
        var job = await new IndexingScenario(host).FinishedJobAsync();
        job.Write("raw/a.txt", "alpha");
        job.Write("raw/b.txt", "bravo");
        job.Write("summary.csv", "x,y\n1,2\n");
        job.Write("ignore.bin", "\0");
        job.Write("deep/x/y.txt", "yankee");
        return job;
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task Given_a_finished_job_with_outputs_when_indexed_then_its_patterns_pick_the_files_and_the_job_is_finished_again()
    {
        var job = await JobWithOutputsAsync();
        var path = (string relative) => job.ArchivePath + "/" + relative;

        var (status, body) = await job.IndexAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("FINISHED", (string?)body["state"]);
        Assert.Equal("indexed", (string?)body["last_event"]);
        Assert.Equal(4, (int)body["count"]!);
        var expected = new[] { "deep/x/y.txt", "raw/a.txt", "raw/b.txt", "summary.csv" }.Select(path).ToArray();
        Assert.Equal(expected, body["files"]!.Select(f => (string)f["name"]!));
        Assert.Equal(expected.Select(FileIdentity.FileUuid), body["files"]!.Select(f => (string)f["uuid"]!));
        Assert.Equal(expected.Select(p => FileIdentity.FileId(p, job.ArchiveSystem)), body["files"]!.Select(f => (string)f["file_id"]!));
        var a = body["files"]![1]!;
        Assert.Equal("1", (string?)a["level"]);
        Assert.Equal(5, (long)a["size"]!);
        Assert.Equal(Sha256("alpha"), (string?)a["checksum"]);
        var summary = body["files"]![3]!;
        Assert.Equal(JTokenType.Null, summary["level"]!.Type);
        Assert.Equal([FileIdentity.FileUuid(path("raw/a.txt"))], summary["derived_from"]!.Values<string>());
        var document = await job.DocumentAsync();
        Assert.Equal(["create", "run", "finish", "index", "indexed"], document["history"]!.Select(h => (string)h["name"]!));
        Assert.Equal(1, await job.EventCountAsync("job.files_indexed.v1"));
    }

    [Fact]
    public async Task Given_an_indexed_job_when_its_files_are_read_then_the_projection_lists_them_by_name_and_each_has_its_record()
    {
        var job = await JobWithOutputsAsync();
        var (_, indexed) = await job.IndexAsync();
        await job.CatchUpAsync();

        var (listStatus, list) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{job.Uuid}/files");
        var summaryUuid = FileIdentity.FileUuid(job.ArchivePath + "/summary.csv");
        var (fileStatus, file) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/files/{summaryUuid}");

        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Equal(indexed["files"]!.ToString(), list["items"]!.ToString());
        Assert.Equal(JTokenType.Null, list["next"]!.Type);
        Assert.Equal(HttpStatusCode.OK, fileStatus);
        Assert.Equal(
            ["uuid", "file_id", "name", "storage_system", "level", "size", "checksum", "generated_by", "child_of", "derived_from", "derived_using",
                "removed_at"],
            ((JObject)file).Properties().Select(p => p.Name));
        Assert.Equal(summaryUuid, (string?)file["uuid"]);
        Assert.Equal(job.ArchiveSystem, (string?)file["storage_system"]);
        Assert.Equal([job.Uuid], file["generated_by"]!.Values<string>());
        Assert.Equal([job.Uuid], file["child_of"]!.Values<string>());
        Assert.Equal([FileIdentity.FileUuid(job.ArchivePath + "/raw/a.txt")], file["derived_from"]!.Values<string>());
        Assert.Empty(file["derived_using"]!);
        // In lineage a file is labelled with its path inside the job's archive folder, beside its name and storage system.
        var (_, producer) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/files/{summaryUuid}/inputs");
        var input = Assert.Single((JArray)producer["items"]!);
        Assert.Equal(("raw/a.txt", "a.txt", "raw/a.txt", job.ArchiveSystem),
            ((string?)input["label"], (string?)input["name"], (string?)input["path"], (string?)input["storage_system"]));
    }

    [Fact]
    public async Task Given_an_indexed_job_when_indexed_again_with_filters_then_the_level_is_overwritten_and_without_fixity_no_checksum()
    {
        var job = await JobWithOutputsAsync();
        await job.IndexAsync();

        var (status, body) = await job.IndexAsync($$"""{"token": "{{job.Token}}", "filters": [{"filters": ["a\\.txt$"], "processing_level": "2"}]}""");
        await job.CatchUpAsync();
        var (_, file) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/files/{FileIdentity.FileUuid(job.ArchivePath + "/raw/a.txt")}");

        Assert.Equal(HttpStatusCode.OK, status);
        var only = Assert.Single(body["files"]!);
        Assert.Equal("2", (string?)only["level"]);
        Assert.Null(only["checksum"]);
        Assert.Equal("2", (string?)file["level"]);
        Assert.Null(file["checksum"]);
        Assert.Equal(2, await job.EventCountAsync("job.files_indexed.v1"));
    }

    [Theory]
    [InlineData("""[{"patterns": ["(unclosed"], "level": "1"}]""", "(unclosed")]
    [InlineData("""[{"patterns": [".txt$"]}]""", "filters[0]: missing required key 'level'")]
    [InlineData("""[{"patterns": ["(a+)+$"], "level": "1"}]""", "(a+)+$")]
    [InlineData("""[{"patterns": [".csv$"], "derived_from": ["./nope.txt"]}]""", "./nope.txt")]
    [InlineData("""[{"patterns": [".csv$"], "derived_from": ["agave://data-sd2e-community/none/x.txt"]}]""", "agave://data-sd2e-community/none/x.txt")]
    [InlineData("""[{"patterns": [".csv$"], "derived_from": ["sample.tacc.1"]}]""", "sample.tacc.1")]
    public async Task Given_an_unusable_request_then_422_naming_the_problem_and_the_job_untouched(string filters, string named)
    {
        var job = await JobWithOutputsAsync();
        job.Write(new string('a', 200) + "b", "slow name");
        var before = await job.EventCountAsync();

        var (status, body) = await job.IndexAsync($$"""{"token": "{{job.Token}}", "filters": {{filters}}}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(named, (string?)body["detail"]);
        Assert.Equal("FINISHED", (string?)(await job.DocumentAsync())["state"]);
        Assert.Equal(before, await job.EventCountAsync());
    }

    [Fact]
    public async Task Given_the_jobs_own_product_pattern_with_a_missing_derived_file_then_422_naming_it()
    {
        var job = await new IndexingScenario(host).FinishedJobAsync(
            productPatterns: """[{"patterns": ["summary\\.csv$"], "derived_from": ["./nope.txt"]}]""");
        job.Write("summary.csv", "s");

        var (status, body) = await job.IndexAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("'./nope.txt'", (string?)body["detail"]);
        Assert.Equal(3, await job.EventCountAsync());
    }

    [Fact]
    public async Task Given_derived_references_on_storage_then_they_resolve()
    {
        var job = await JobWithOutputsAsync();
        var reference = Path.Combine(host.StorageRoot, "ref-system", "genomes", "g.fa");
        Directory.CreateDirectory(Path.GetDirectoryName(reference)!);
        await File.WriteAllTextAsync(reference, ">g");
        var tool = TypedUuid.Create(UuidType.Reference, "tool");

        var (status, body) = await job.IndexAsync($$"""
            {"token": "{{job.Token}}", "fixity": true, "filters": [{"patterns": ["summary"], "derived_from": ["agave://ref-system/genomes/g.fa", "./raw/b.txt"], "derived_using": ["{{tool}}"]}]}
            """);

        Assert.Equal(HttpStatusCode.OK, status);
        var summary = Assert.Single(body["files"]!);
        Assert.Equal(new[] { FileIdentity.FileUuid("/genomes/g.fa"), FileIdentity.FileUuid(job.ArchivePath + "/raw/b.txt") }.Order(StringComparer.Ordinal),
            summary["derived_from"]!.Values<string>());
        Assert.Equal([tool], summary["derived_using"]!.Values<string>());
        Assert.NotNull(summary["checksum"]);
    }

    [Fact]
    public async Task Given_credentials_then_a_wrong_or_missing_token_is_401_and_the_header_query_and_admin_key_work()
    {
        var job = await JobWithOutputsAsync();
        var other = await new IndexingScenario(host).FinishedJobAsync();
        var before = await job.EventCountAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await job.IndexAsync($$"""{"token": "{{other.Token}}"}""")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await job.IndexAsync("{}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await job.IndexAsync("{}", AgentKey)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await job.IndexAsync($$"""{"token": "{{job.Token}}"}""", "not-a-key")).Status);
        Assert.Equal(before, await job.EventCountAsync());
        Assert.Equal(HttpStatusCode.OK, (await job.IndexAsync("", headers: new Dictionary<string, string> { ["X-Catalog-Token"] = job.Token })).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync($"/api/v1/jobs/{job.Uuid}/index?token={job.Token}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await job.IndexAsync("{}", AdminKey)).Status);
    }

    [Fact]
    public async Task Given_jobs_that_cannot_be_indexed_then_409_404_or_422()
    {
        var job = await JobWithOutputsAsync();
        var running = await new IndexingScenario(host).FinishedJobAsync();
        await running.SendAsync("index");
        await running.SendAsync("fail");
        var empty = await new IndexingScenario(host).FinishedJobAsync();

        var (conflict, problem) = await running.IndexAsync();
        var unknown = TypedUuid.Create(UuidType.PipelineJob, "nobody");

        Assert.Equal(HttpStatusCode.Conflict, conflict);
        Assert.Equal("FAILED", (string?)problem["state"]);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync($"/api/v1/jobs/{unknown}/index", "{}", AdminKey)).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await host.Client.PostAsync("/api/v1/jobs/not-a-uuid/index", "{}", AdminKey)).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await job.IndexAsync("""{"filters": {"patterns": []}}""", AdminKey)).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await job.IndexAsync("""{"fixity": "yes"}""", AdminKey)).Status);
        var (missing, nothing) = await empty.IndexAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing);
        Assert.Contains("Nothing to index at", (string?)nothing["detail"]);
    }

    [Fact]
    public async Task Given_links_in_the_archive_folder_to_outside_the_storage_root_then_they_are_not_followed()
    {
        var job = await JobWithOutputsAsync();
        var outside = Path.Combine(Path.GetTempPath(), $"catalog-outside-{Guid.NewGuid():N}");
        Directory.CreateDirectory(outside);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(outside, "secret.txt"), "secret");
            File.CreateSymbolicLink(Path.Combine(job.Directory, "raw", "stolen.txt"), Path.Combine(outside, "secret.txt"));
            Directory.CreateSymbolicLink(Path.Combine(job.Directory, "elsewhere"), outside);

            var (status, body) = await job.IndexAsync();

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.DoesNotContain(body["files"]!, f => ((string)f["name"]!).Contains("stolen") || ((string)f["name"]!).Contains("elsewhere"));
            Assert.Equal(4, (int)body["count"]!);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public async Task Given_bad_file_reads_then_422_for_a_malformed_uuid_and_404_for_unknown_and_hidden_jobs_hide_their_files()
    {
        var job = await JobWithOutputsAsync();
        await job.IndexAsync();
        await host.Client.SendAsync(HttpMethod.Delete, $"/api/v1/jobs/{job.Uuid}", key: AdminKey);
        await job.CatchUpAsync();
        var a = FileIdentity.FileUuid(job.ArchivePath + "/raw/a.txt");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await host.Client.SendAsync(HttpMethod.Get, "/api/v1/files/nope")).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/files/{job.Uuid}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/files/{FileIdentity.FileUuid("/none")}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/files/{a}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{job.Uuid}/files")).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/files/{a}?include_deleted=true", key: AdminKey)).Status);

        await host.Client.PostAsync($"/api/v1/jobs/{job.Uuid}/undelete", null, AdminKey);
        await job.CatchUpAsync();

        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/files/{a}")).Status);
    }
}
