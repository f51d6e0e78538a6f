using System.Net;
using Catalog.Core.Identifiers;
using Catalog.Core.Projections;
using Catalog.Core.Projections.Lineage;
using Catalog.Tests.EventStore;
using Catalog.Tests.Indexing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Npgsql;
using static Catalog.Tests.Http.CatalogHostFixture;

namespace Catalog.Tests.Http;

/// <summary>
/// The read routes take the identifiers people hold besides UUIDs: the canonical identifier a job was created for on the
/// job routes, a file id on the file routes, both on the lineage routes; 404 when one names nothing, 409 when several.
/// </summary>
[Trait("Category", "Database")]
public sealed class IdentifierLookupTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    private async Task<string> PipelineAsync()
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines",
            $$"""{"id":"lookup-{{Guid.NewGuid():N}}","name":"Lookup","components":[{"id":"a","image":"img:1"}]}""", AgentKey);
        return (string)pipeline["uuid"]!;
    }

    private async Task<JToken> JobForAsync(string pipeline, string measurement)
    {
        var (status, job) = await host.Client.PostAsync("/api/v1/jobs",
            JobBodies.Of(pipeline, Guid.NewGuid().ToString("N"), $$"""{"measurement_id":"{{measurement}}"}"""), AgentKey);
        Assert.Equal(HttpStatusCode.Created, status);
        return job;
    }

    private static string NewMeasurement() => $"measurement.tacc.0x{Guid.NewGuid().ToString("N")[..12].ToUpperInvariant()}";

    [Theory]
    [InlineData("/api/v1/jobs/{0}")]
    [InlineData("/api/v1/jobs/{0}/events")]
    [InlineData("/api/v1/jobs/{0}/files")]
    [InlineData("/api/v1/jobs/{0}/outputs")]
    public async Task Given_a_job_created_for_a_measurement_then_its_routes_take_the_identifier_and_its_uuid(string route)
    {
        var measurement = NewMeasurement();
        var job = await JobForAsync(await PipelineAsync(), measurement);
        var (byUuid, expected) = await host.Client.SendAsync(HttpMethod.Get, string.Format(route, job["uuid"]));

        var (byIdentifier, body) = await host.Client.SendAsync(HttpMethod.Get, string.Format(route, measurement));
        var (byMeasurementUuid, same) = await host.Client.SendAsync(HttpMethod.Get, string.Format(route, job["child_of"]![0]));

        Assert.Equal(HttpStatusCode.OK, byUuid);
        Assert.Equal((HttpStatusCode.OK, expected.ToString()), (byIdentifier, body.ToString()));
        Assert.Equal((HttpStatusCode.OK, expected.ToString()), (byMeasurementUuid, same.ToString()));
    }

    [Fact]
    public async Task Given_two_jobs_created_for_one_measurement_then_the_identifier_is_a_409_listing_both_and_the_lineage_node_still_answers()
    {
        var measurement = NewMeasurement();
        var pipeline = await PipelineAsync();
        var first = await JobForAsync(pipeline, measurement);
        var second = await JobForAsync(pipeline, measurement);

        var (status, problem) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{measurement}");
        var (outputs, _) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{measurement}/outputs");
        // The lineage node is the measurement itself; its jobs come from the lineage edges, projected a moment later.
        var (jobs, list) = (HttpStatusCode.OK, (JToken)new JObject());
        await Eventually.WaitForAsync(async () =>
        {
            (jobs, list) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{measurement}/jobs");
            return jobs != HttpStatusCode.OK || ((JArray?)list["items"])?.Count == 2;
        }, TimeSpan.FromSeconds(20), "the lineage edges of both jobs");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(new[] { (string)first["uuid"]!, (string)second["uuid"]! }.Order(), problem["jobs"]!.Values<string>().Order());
        Assert.Equal(HttpStatusCode.Conflict, outputs);
        Assert.Equal(HttpStatusCode.OK, jobs);
        Assert.Equal(2, ((JArray)list["items"]!).Count);
    }

    [Fact]
    public async Task Given_a_hidden_job_then_its_identifier_finds_it_only_for_an_admin_asking_for_hidden_jobs()
    {
        var measurement = NewMeasurement();
        var job = await JobForAsync(await PipelineAsync(), measurement);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.SendAsync(HttpMethod.Delete, $"/api/v1/jobs/{job["uuid"]}", key: AdminKey)).Status);

        var (open, _) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{measurement}", key: AgentKey);
        var (admin, document) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{measurement}?include_deleted=true", key: AdminKey);

        Assert.Equal(HttpStatusCode.NotFound, open);
        Assert.Equal(HttpStatusCode.OK, admin);
        Assert.Equal((string?)job["uuid"], (string?)document["uuid"]);
    }

    [Theory]
    [InlineData("/api/v1/jobs/measurement.tacc.0xNEVERSEEN", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/jobs/sample.tacc.never-seen/events", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/files/file.tacc.NeverSeen1", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/files/file.tacc.NeverSeen1/producer", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/lineage/file.tacc.NeverSeen1", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/lineage/measurement.tacc.0xNEVERSEEN/jobs", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/jobs/not-an-identifier", HttpStatusCode.UnprocessableEntity)]
    [InlineData("/api/v1/jobs/file.tacc.NeverSeen1", HttpStatusCode.UnprocessableEntity)]
    [InlineData("/api/v1/jobs/10631951-75c6-5bd9-8320-8edb88bd3a34/outputs", HttpStatusCode.UnprocessableEntity)]
    [InlineData("/api/v1/files/measurement.tacc.0x1A2B", HttpStatusCode.UnprocessableEntity)]
    [InlineData("/api/v1/files/file.tacc.not_a_hashid/inputs", HttpStatusCode.UnprocessableEntity)]
    [InlineData("/api/v1/lineage/not-an-identifier", HttpStatusCode.UnprocessableEntity)]
    [InlineData("/api/v1/jobs/measurement.tacc.never%2500seen", HttpStatusCode.UnprocessableEntity)]
    public async Task Given_an_identifier_naming_nothing_then_404_and_text_that_is_no_identifier_422_saying_what_is_taken(string path,
        HttpStatusCode expected)
    {
        var (status, problem) = await host.Client.SendAsync(HttpMethod.Get, path);

        Assert.Equal(expected, status);
        Assert.Contains(expected == HttpStatusCode.NotFound ? "No " : "is not a", (string?)problem["detail"]);
    }

    [Fact]
    public async Task Given_an_indexed_file_then_its_file_id_finds_it_on_the_file_and_lineage_routes()
    {
        var job = await new IndexingScenario(host).FinishedJobAsync();
        job.Write("raw/a.txt", "alpha");
        job.Write("summary.csv", "x,y\n1,2\n");
        Assert.Equal(HttpStatusCode.OK, (await job.IndexAsync()).Status);
        await job.CatchUpAsync();
        // The producer and the inputs are lineage edges, projected apart from the files.
        await host.Services.GetRequiredService<ProjectionDaemon>().WaitForPositionAsync(LineageProjection.ProjectionName,
            await job.ScalarAsync("SELECT last_position FROM es.log_head WHERE id = 1"), TimeSpan.FromSeconds(30), CancellationToken.None);
        var name = job.ArchivePath + "/summary.csv";
        var (uuid, fileId) = (FileIdentity.FileUuid(name), FileIdentity.FileId(name, job.ArchiveSystem));

        var (file, record) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/files/{fileId}");
        var (producer, jobs) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/files/{fileId}/producer");
        var (inputs, derived) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/files/{fileId}/inputs");
        var (lineage, graph) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{fileId}?direction=upstream&depth=1");

        Assert.Equal((HttpStatusCode.OK, uuid), (file, (string?)record["uuid"]));
        Assert.Equal((HttpStatusCode.OK, job.Uuid), (producer, (string?)Assert.Single((JArray)jobs["items"]!)["uuid"]));
        Assert.Equal((HttpStatusCode.OK, FileIdentity.FileUuid(job.ArchivePath + "/raw/a.txt")),
            (inputs, (string?)Assert.Single((JArray)derived["items"]!)["uuid"]));
        Assert.Equal((HttpStatusCode.OK, uuid), (lineage, (string?)graph["root"]));
    }

    [Fact]
    public async Task Given_two_files_with_one_file_id_then_the_file_id_is_a_409_listing_both()
    {
        var job = await new IndexingScenario(host).FinishedJobAsync();
        job.Write("raw/a.txt", "alpha");
        Assert.Equal(HttpStatusCode.OK, (await job.IndexAsync()).Status);
        await job.CatchUpAsync();
        var name = job.ArchivePath + "/raw/a.txt";
        var fileId = FileIdentity.FileId(name, job.ArchiveSystem);
        // python-datacatalog gives the relative name the same file id (its id is made from '/' + name) but another UUID.
        var relative = name.TrimStart('/');
        Assert.Equal(fileId, FileIdentity.FileId(relative, job.ArchiveSystem));
        await using (var dataSource = NpgsqlDataSource.Create(host.ConnectionString))
        await using (var insert = dataSource.CreateCommand("""
            INSERT INTO files (uuid, file_id, name, storage_system, size, job_uuid, indexed_at)
            SELECT $2, file_id, $3, storage_system, size, job_uuid, indexed_at FROM files WHERE uuid = $1
            """))
        {
            insert.Parameters.AddWithValue(FileIdentity.FileUuid(name));
            insert.Parameters.AddWithValue(FileIdentity.FileUuid(relative));
            insert.Parameters.AddWithValue(relative);
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }

        var (status, problem) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/files/{fileId}");
        var (lineage, _) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{fileId}");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(new[] { FileIdentity.FileUuid(name), FileIdentity.FileUuid(relative) }.Order(StringComparer.Ordinal),
            problem["files"]!.Values<string>().Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, lineage);
    }
}
