using System.Net;
using Catalog.Core.Identifiers;
using Catalog.Tests.EventStore;
using Catalog.Tests.Indexing;
using Newtonsoft.Json.Linq;
using static Catalog.Tests.Http.CatalogHostFixture;

namespace Catalog.Tests.Http;

/// <summary>GET /api/v1/search: jobs, files, pipelines and datasets by what people know them by, ranked and paged.</summary>
[Trait("Category", "Database")]
public sealed class SearchTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    private async Task<string> PipelineAsync(string name = "Search", string? description = null)
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines", new JObject
        {
            ["id"] = $"search/{Guid.NewGuid():N}",
            ["name"] = name,
            ["description"] = description,
            ["components"] = new JArray(new JObject { ["id"] = "a", ["image"] = "img:1" }),
        }.ToString(), AgentKey);
        return (string)pipeline["uuid"]!;
    }

    private async Task<string> JobAsync(string pipeline, string? fields = null)
    {
        var (status, job) = await host.Client.PostAsync("/api/v1/jobs", JobBodies.Of(pipeline, Guid.NewGuid().ToString("N"), fields), AgentKey);
        Assert.Equal(HttpStatusCode.Created, status);
        return (string)job["uuid"]!;
    }

    private async Task<JArray> HitsAsync(string query, string? key = null)
    {
        var (status, page) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/search?{query}", key: key);
        Assert.Equal(HttpStatusCode.OK, status);
        return (JArray)page["items"]!;
    }

    private static string Word() => "w" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task Given_a_job_created_for_a_measurement_then_its_identifier_finds_the_job_first_with_an_exact_score_and_the_dataset()
    {
        var measurement = $"measurement.tacc.0x{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}";
        var job = await JobAsync(await PipelineAsync(), $$"""{"measurement_id":"{{measurement}}"}""");

        var hits = await HitsAsync($"q={Uri.EscapeDataString(measurement)}&type=job");
        JArray datasets = [];
        await Eventually.WaitForAsync(async () => (datasets = await HitsAsync($"q={Uri.EscapeDataString(measurement.ToLowerInvariant())}&type=dataset")).Count > 0,
            TimeSpan.FromSeconds(20), "the lineage projection to record the measurement's name");

        var first = hits[0];
        Assert.Equal(("job", job, "names", 2.0, $"/api/v1/jobs/{job}"),
            ((string?)first["type"], (string?)first["uuid"], (string?)first["matched"], (double)first["score"]!, (string?)first["href"]));
        Assert.Equal("Search (CREATED)", (string?)first["label"]);
        var dataset = Assert.Single(datasets);
        Assert.Equal((TypedUuid.Create(UuidType.Measurement, measurement), measurement, 2.0),
            ((string?)dataset["uuid"], (string?)dataset["label"], (double)dataset["score"]!));
    }

    [Theory]
    [InlineData("tags", """{"tags":["{0}"]}""", "{0}")]
    [InlineData("labels", """{"labels":{"plate":"{0}"}}""", "plate:{0}")]
    [InlineData("notes", """{"notes":"beads recalibrated after {0} drifted"}""", "{0} drifted")]
    [InlineData("owner", """{"owner":"{0}"}""", "{0}")]
    public async Task Given_a_job_with_a_tag_label_note_or_owner_then_searching_for_it_finds_the_job_by_that_field(string field, string fields,
        string query)
    {
        var word = Word();
        var job = await JobAsync(await PipelineAsync(), fields.Replace("{0}", word, StringComparison.Ordinal));

        var hits = await HitsAsync("q=" + Uri.EscapeDataString(query.Replace("{0}", word, StringComparison.Ordinal)));

        var hit = Assert.Single(hits);
        Assert.Equal((job, field), ((string?)hit["uuid"], (string?)hit["matched"]));
    }

    [Fact]
    public async Task Given_a_pipeline_then_its_name_finds_it_and_its_jobs_and_type_keeps_one_kind()
    {
        var name = "Cytometry " + Word();
        var pipeline = await PipelineAsync(name, "flow cytometry quality control");
        var job = await JobAsync(pipeline);

        var all = await HitsAsync("q=" + Uri.EscapeDataString(name));
        var pipelines = await HitsAsync("q=" + Uri.EscapeDataString(name) + "&type=pipeline");
        var files = await HitsAsync("q=" + Uri.EscapeDataString(name) + "&type=FILE");

        Assert.Equal(new[] { ("job", job, "pipeline"), ("pipeline", pipeline, "name") }.Order(),
            all.Select(h => ((string)h["type"]!, (string)h["uuid"]!, (string)h["matched"]!)).Order());
        Assert.Equal(pipeline, (string?)Assert.Single(pipelines)["uuid"]);
        Assert.Empty(files);
    }

    [Fact]
    public async Task Given_an_indexed_file_then_a_fragment_of_its_path_with_a_typo_finds_it_and_its_file_id_exactly()
    {
        var job = await new IndexingScenario(host).FinishedJobAsync();
        job.Write("raw/a.txt", "alpha");
        job.Write("cytometry_calibration_beads.txt", "beads");
        Assert.Equal(HttpStatusCode.OK, (await job.IndexAsync()).Status);
        await job.CatchUpAsync();
        var name = job.ArchivePath + "/cytometry_calibration_beads.txt";
        var uuid = FileIdentity.FileUuid(name);

        var typo = await HitsAsync("q=calibraton_beads&type=file");
        var byId = await HitsAsync("q=" + FileIdentity.FileId(name, job.ArchiveSystem));

        var hit = Assert.Single(typo, h => (string?)h["uuid"] == uuid);
        Assert.Equal(("file", "path", "cytometry_calibration_beads.txt", $"/api/v1/files/{uuid}"),
            ((string?)hit["type"], (string?)hit["matched"], (string?)hit["label"], (string?)hit["href"]));
        Assert.InRange((double)hit["score"]!, 0.5, 1.0);
        Assert.Equal((uuid, "file_id", 2.0), ((string?)byId[0]["uuid"], (string?)byId[0]["matched"], (double)byId[0]["score"]!));
    }

    [Fact]
    public async Task Given_more_hits_than_a_page_then_the_cursor_walks_them_all_once_in_the_order_of_one_page()
    {
        var tag = Word();
        var pipeline = await PipelineAsync();
        var jobs = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            jobs.Add(await JobAsync(pipeline, $$"""{"tags":["{{tag}}"]}"""));
        }

        var whole = (await HitsAsync($"q={tag}")).Select(h => (string)h["uuid"]!).ToList();
        var walked = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var (status, page) = await host.Client.SendAsync(HttpMethod.Get,
                $"/api/v1/search?q={tag}&limit=2" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)));
            Assert.Equal(HttpStatusCode.OK, status);
            walked.AddRange(page["items"]!.Select(h => (string)h["uuid"]!));
            after = (string?)page["next"];
            pages++;
        }
        while (after is not null && pages < 10);

        Assert.Equal(jobs.Order(StringComparer.Ordinal), whole.Order(StringComparer.Ordinal));
        Assert.Equal(whole, walked);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Given_a_hidden_job_then_only_an_admin_asking_for_hidden_jobs_finds_it_and_an_agent_asking_is_refused()
    {
        var tag = Word();
        var job = await JobAsync(await PipelineAsync(), $$"""{"tags":["{{tag}}"]}""");
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.SendAsync(HttpMethod.Delete, $"/api/v1/jobs/{job}", key: AdminKey)).Status);

        var agent = await HitsAsync($"q={tag}", AgentKey);
        var admin = await HitsAsync($"q={tag}", AdminKey);
        var hidden = await HitsAsync($"q={tag}&include_deleted=true", AdminKey);
        var (refused, _) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/search?q={tag}&include_deleted=true", key: AgentKey);

        Assert.Empty(agent);
        Assert.Empty(admin);
        Assert.Equal(job, (string?)Assert.Single(hidden)["uuid"]);
        Assert.Equal(HttpStatusCode.Forbidden, refused);
    }

    [Theory]
    [InlineData("", HttpStatusCode.UnprocessableEntity, "q: required")]
    [InlineData("q=%20%20", HttpStatusCode.UnprocessableEntity, "q: required")]
    [InlineData("q=a&type=experiment", HttpStatusCode.UnprocessableEntity, "type must be one of job, file, pipeline, dataset")]
    [InlineData("q=a&limit=0", HttpStatusCode.UnprocessableEntity, "limit must be")]
    [InlineData("q=a&after=bm90LWEtY3Vyc29y", HttpStatusCode.UnprocessableEntity, "after must be")]
    [InlineData("q=a&pipeline=x", HttpStatusCode.BadRequest, "pipeline")]
    [InlineData("query=a", HttpStatusCode.BadRequest, "query")]
    public async Task Given_bad_parameters_then_a_4xx_naming_what_to_fix(string query, HttpStatusCode expected, string named)
    {
        var (status, problem) = await host.Client.SendAsync(HttpMethod.Get, "/api/v1/search?" + query);

        Assert.Equal(expected, status);
        Assert.Contains(named, (string?)problem["detail"]);
    }

    [Fact]
    public async Task Given_a_query_longer_than_256_characters_then_422()
    {
        var (status, problem) = await host.Client.SendAsync(HttpMethod.Get, "/api/v1/search?q=" + new string('a', 257));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("at most 256", (string?)problem["detail"]);
    }
}
