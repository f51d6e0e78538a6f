using System.Net;
using Catalog.Core.EventStore;
using Catalog.Core.Identifiers;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Core.Projections;
using Catalog.Core.Projections.JobDocuments;
using Catalog.Tests.EventStore;
using Catalog.Tests.Indexing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using static Catalog.Tests.Http.CatalogHostFixture;

namespace Catalog.Tests.Http;

/// <summary>
/// Through the real host: a bad request harms only its sender, writes never depend on a projection, rebuilds are
/// invisible to readers, and file records follow every job that produced them.
/// </summary>
[Trait("Category", "Database")]
public sealed class WritesFromTheLogTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly CancellationToken None = CancellationToken.None;

    private Core.EventStore.EventStore Store => host.Services.GetRequiredService<Core.EventStore.EventStore>();

    private JobService Jobs => host.Services.GetRequiredService<JobService>();

    private ProjectionDaemon Daemon => host.Services.GetRequiredService<ProjectionDaemon>();

    [Fact]
    public async Task Given_valid_and_poisoned_events_in_one_commit_then_every_valid_request_answers_200_and_only_the_poisoned_is_refused()
    {
        var jobs = new List<IndexingScenario>();
        for (var i = 0; i < 5; i++)
        {
            jobs.Add(await new IndexingScenario(host).FinishedJobAsync());
        }
        var poisoned = await new IndexingScenario(host).FinishedJobAsync();

        Task<(HttpStatusCode Status, JToken Body)>[] valid;
        Task<JobOutcome> bad;
        using (Store.PauseCommits())
        {
            valid = jobs.Select(job => job.SendAsync("validate")).ToArray();
            // Past the HTTP edge (which refuses such text), as a second line: a value PostgreSQL cannot store.
            bad = Jobs.HandleAsync(poisoned.Uuid, new JobCommand.Send("validate", new JObject { ["x"] = "\ud800" }), JobCaller.Admin, null, None);
            await Eventually.WaitForAsync(() => Task.FromResult(Store.QueuedAppends == jobs.Count + 1), Deadline, "all six appends to queue in one commit");
        }

        Assert.All(await Task.WhenAll(valid), answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Equal(JobOutcomeKind.Unstorable, (await bad).Kind);
        Assert.Equal(3, await poisoned.EventCountAsync());
        Assert.Equal("FINISHED", (string?)(await poisoned.DocumentAsync())["state"]);
    }

    [Fact]
    public async Task Given_the_job_documents_gone_then_attaching_posting_events_indexing_and_resetting_all_decide_from_the_stream()
    {
        var job = await new IndexingScenario(host).FinishedJobAsync(productPatterns: "[]");
        job.Write("a.txt", "a");
        var (_, first) = await host.Client.PostAsync("/api/v1/jobs", await SpecOfAsync(job), AgentKey);
        await job.ScalarAsync("DELETE FROM job_documents WHERE uuid = $1", job.Uuid);

        var (attach, attached) = await host.Client.PostAsync("/api/v1/jobs", await SpecOfAsync(job), AgentKey);
        var (index, indexed) = await job.IndexAsync();
        var (reset, resetAnswer) = await host.Client.PostAsync($"/api/v1/jobs/{job.Uuid}/reset", """{"clear_archive": true}""", AdminKey);

        Assert.Equal(HttpStatusCode.OK, attach);
        Assert.Equal((string?)first["token"], (string?)attached["token"]);
        Assert.Equal(("FINISHED", 3L), ((string?)attached["state"], (long)attached["version"]!));
        Assert.Equal(["create", "run", "finish"], attached["history"]!.Select(h => (string)h["name"]!));
        Assert.Equal((HttpStatusCode.OK, 1), (index, (int)indexed["count"]!));
        Assert.Equal((HttpStatusCode.OK, true), (reset, (bool)resetAnswer["archive_cleared"]!));
        Assert.False(File.Exists(Path.Combine(job.Directory, "a.txt")));
        Assert.Equal("RESET", (string?)(await job.DocumentAsync())["state"]);
    }

    [Fact]
    public async Task Given_a_job_documents_rebuild_under_way_then_reads_and_writes_answer_as_before_and_the_rebuild_gives_the_same_documents()
    {
        var jobs = new List<IndexingScenario>();
        for (var i = 0; i < 6; i++)
        {
            jobs.Add(await new IndexingScenario(host).FinishedJobAsync());
        }
        await Daemon.WaitForPositionAsync(await Store.HeadAsync(None), Deadline, None);
        var before = await DocumentsAsync();

        await Daemon.RebuildAsync(JobDocumentsProjection.ProjectionName, None);
        var answers = new List<HttpStatusCode>();
        var rounds = 0;
        do
        {
            foreach (var job in jobs)
            {
                answers.Add((await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{job.Uuid}")).Status);
                answers.Add((await host.Client.PostAsync("/api/v1/jobs", await SpecOfAsync(job), AgentKey)).Status);
            }
            rounds++;
        }
        while ((await Daemon.GetStatusAsync(None)).Single(s => s.Name == JobDocumentsProjection.ProjectionName).Status != ProjectionStatus.Running);
        await Daemon.WaitForRebuildAsync(JobDocumentsProjection.ProjectionName, Deadline, None);

        Assert.True(rounds > 0);
        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(before, await DocumentsAsync());
    }

    [Fact]
    public async Task Given_two_jobs_sharing_an_archive_folder_then_a_file_is_produced_by_both_and_purging_one_keeps_the_others()
    {
        var first = await new IndexingScenario(host).FinishedJobAsync(productPatterns: "[]");
        var second = await SharingFolderAsync(first);
        first.Write("shared.txt", "one");
        Assert.Equal(HttpStatusCode.OK, (await first.IndexAsync()).Status);
        Assert.Equal(HttpStatusCode.OK, (await second.IndexAsync()).Status);
        await first.CatchUpAsync();
        var file = FileIdentity.FileUuid(first.ArchivePath + "/shared.txt");

        var (_, both) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/files/{file}");
        Assert.Equal(new[] { first.Uuid, second.Uuid }.Order(), both["generated_by"]!.Select(j => (string)j!).Order());

        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PostAsync($"/api/v1/jobs/{second.Uuid}/purge", null, AdminKey)).Status);
        var (status, kept) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/files/{file}");
        var (_, list) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{first.Uuid}/files");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([first.Uuid], kept["generated_by"]!.Select(j => (string)j!));
        Assert.Single(list["items"]!);
    }

    [Fact]
    public async Task Given_a_reset_that_cleared_the_archive_then_the_jobs_files_are_marked_removed_with_the_time()
    {
        var job = await new IndexingScenario(host).FinishedJobAsync(productPatterns: "[]");
        job.Write("a.txt", "a");
        job.Write("b.txt", "b");
        Assert.Equal(HttpStatusCode.OK, (await job.IndexAsync()).Status);

        var (reset, answer) = await host.Client.PostAsync($"/api/v1/jobs/{job.Uuid}/reset", """{"clear_archive": true}""", AdminKey);
        await job.CatchUpAsync();
        var (_, list) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{job.Uuid}/files");
        var (_, file) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/files/{FileIdentity.FileUuid(job.ArchivePath + "/a.txt")}");

        Assert.Equal((HttpStatusCode.OK, true), (reset, (bool)answer["archive_cleared"]!));
        Assert.Equal(2, list["items"]!.Count());
        Assert.All(list["items"]!, f => Assert.NotEqual(JTokenType.Null, f["removed_at"]!.Type));
        Assert.NotEqual(JTokenType.Null, file["removed_at"]!.Type);
        Assert.Equal(1L, await job.EventCountAsync(JobEventTypes.ArchiveCleared));
    }

    private async Task<IndexingScenario> SharingFolderAsync(IndexingScenario first)
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines", """{"id":"tacc/sharing:1","name":"Sharing","components":[]}""", AgentKey);
        var (status, job) = await host.Client.PostAsync("/api/v1/jobs", $$"""
            {"pipeline_uuid": "{{pipeline["uuid"]}}", "data": {"run": "{{Guid.NewGuid():N}}"}, "archive_path": "{{first.ArchivePath}}",
             "archive_patterns": {{IndexingScenario.ArchivePatterns}}}
            """, AgentKey);
        Assert.Equal(HttpStatusCode.Created, status);
        var second = new IndexingScenario(host);
        await second.AdoptAsync((string)job["uuid"]!, (string)job["token"]!, first.ArchivePath, first.ArchiveSystem);
        return second;
    }

    private async Task<string> SpecOfAsync(IndexingScenario job)
    {
        var events = await Store.ReadStreamAsync(job.Uuid, None);
        var spec = ((JobEvent.Created)JobEventJson.Deserialize(events[0].Type, events[0].Data)).Spec;
        return new JObject
        {
            ["pipeline_uuid"] = spec.PipelineUuid, ["data"] = spec.Data, ["archive_patterns"] = spec.ArchivePatterns,
            ["product_patterns"] = spec.ProductPatterns,
        }.ToString();
    }

    private async Task<string[]> DocumentsAsync()
    {
        await using var command = Store.DataSource.CreateCommand("SELECT row_to_json(d)::text FROM job_documents d ORDER BY uuid");
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return [.. rows];
    }
}
