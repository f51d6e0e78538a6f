using System.Net;
using Catalog.Core.Projections;
using Catalog.Core.Projections.Files;
using Catalog.Tests.Http;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Npgsql;
using static Catalog.Tests.Http.CatalogHostFixture;

namespace Catalog.Tests.Indexing;

/// <summary>A finished job with outputs on the host's storage root, and the reads the indexing tests make.</summary>
public sealed class IndexingScenario(CatalogHostFixture host)
{
    public const string ArchivePatterns = """[{"patterns": [".txt$"], "level": "1"}]""";
    public const string ProductPatterns = """[{"patterns": ["summary\\.csv$"], "derived_from": ["./raw/a.txt"], "derived_using": []}]""";

    private const string PipelineBody = """{"id":"tacc/indexer:1","name":"Indexing pipeline","components":[{"id":"a","image":"sd2e/i:1"}]}""";

    public string Uuid { get; private set; } = "";
    public string Token { get; private set; } = "";
    public string ArchivePath { get; private set; } = "";
    public string ArchiveSystem { get; private set; } = "";

    /// <summary>The job's archive folder on disk.</summary>
    public string Directory => Path.Combine(host.StorageRoot, ArchiveSystem, ArchivePath.TrimStart('/'));

    public async Task<IndexingScenario> FinishedJobAsync(string archivePatterns = ArchivePatterns, string productPatterns = ProductPatterns)
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines", PipelineBody, AgentKey);
        var (status, job) = await host.Client.PostAsync("/api/v1/jobs", $$"""
            {"pipeline_uuid": "{{pipeline["uuid"]}}", "data": {"run": "{{Guid.NewGuid():N}}"},
             "archive_patterns": {{archivePatterns}}, "product_patterns": {{productPatterns}}}
            """, AgentKey);
        Assert.Equal(HttpStatusCode.Created, status);
        (Uuid, Token) = ((string)job["uuid"]!, (string)job["token"]!);
        (ArchivePath, ArchiveSystem) = ((string)job["archive_path"]!, (string)job["archive_system"]!);
        foreach (var name in new[] { "run", "finish" })
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(name)).Status);
        }
        return this;
    }

    /// <summary>Takes over a job created elsewhere and runs it to FINISHED.</summary>
    public async Task AdoptAsync(string uuid, string token, string archivePath, string archiveSystem)
    {
        (Uuid, Token, ArchivePath, ArchiveSystem) = (uuid, token, archivePath, archiveSystem);
        foreach (var name in new[] { "run", "finish" })
        {
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(name)).Status);
        }
    }

    public Task<(HttpStatusCode Status, JToken Body)> SendAsync(string name) =>
        host.Client.PostAsync($"/api/v1/jobs/{Uuid}/events", $$"""{"name": "{{name}}", "token": "{{Token}}"}""");

    public void Write(string relative, string content)
    {
        var path = Path.Combine(Directory, relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public Task<(HttpStatusCode Status, JToken Body)> IndexAsync(string? body = null, string? key = null, IDictionary<string, string>? headers = null) =>
        host.Client.PostAsync($"/api/v1/jobs/{Uuid}/index", body ?? $$"""{"token": "{{Token}}"}""", key, headers);

    public async Task<JObject> DocumentAsync() => (JObject)(await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{Uuid}")).Body;

    public async Task<long> EventCountAsync(string? type = null) =>
        await ScalarAsync("SELECT count(*) FROM es.events WHERE stream_id = $1 AND ($2::text IS NULL OR event_type = $2)", Uuid, type);

    /// <summary>Waits until the files projection has applied everything appended so far.</summary>
    public async Task CatchUpAsync()
    {
        var head = await ScalarAsync("SELECT last_position FROM es.log_head WHERE id = 1");
        await host.Services.GetRequiredService<ProjectionDaemon>()
            .WaitForPositionAsync(FilesProjection.ProjectionName, head, TimeSpan.FromSeconds(30), CancellationToken.None);
    }

    public async Task<long> ScalarAsync(string sql, params object?[] arguments)
    {
        await using var dataSource = NpgsqlDataSource.Create(host.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument ?? DBNull.Value });
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
