using System.Net;
using Catalog.Core.EventStore;
using Catalog.Core.Identifiers;
using Catalog.Core.JobCommands;
using Catalog.Tests.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using Npgsql;
using static Catalog.Tests.Http.CatalogHostFixture;

namespace Catalog.Tests.Http;

[Trait("Category", "Database")]
public sealed class JobRoutesTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    private const string PipelineBody = """
        {"id":"tacc/lifecycle:1","name":"Lifecycle pipeline","components":[{"id":"actor1","image":"sd2e/img:1"}]}
        """;

    [Fact]
    public async Task Given_an_agent_when_it_drives_a_job_through_its_whole_life_then_every_state_follows()
    {
        var (uuid, token, webhook) = await NewJobAsync();
        Assert.StartsWith($"http://catalog.test/api/v1/webhooks/jobs?uuid={uuid}&token={token}", webhook);

        var expected = new (string Event, string State)[]
        {
            ("run", "RUNNING"), ("update", "RUNNING"), ("finish", "FINISHED"), ("index", "INDEXING"), ("indexed", "FINISHED"),
            ("validate", "VALIDATING"), ("validated", "VALIDATED"), ("finalize", "FINALIZED"),
        };
        var version = 1;
        foreach (var (name, state) in expected)
        {
            var (status, body) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events",
                $$"""{"name":"{{name}}","data":{"step":"{{name}}","f":1.0},"token":"{{token}}"}""");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(state, (string?)body["state"]);
            Assert.Equal(name, (string?)body["last_event"]);
            Assert.Equal(++version, (int)body["version"]!);
        }
        var document = (await Jobs.ReadDocumentAsync(uuid, false, CancellationToken.None))!;
        Assert.Equal(["create", .. expected.Select(e => e.Event)], ((JArray)document["history"]!).Select(h => (string)h["name"]!));
        Assert.Equal("{\"f\":1.0,\"step\":\"run\"}", PythonJson.Dumps(document["history"]![1]!["data"]!));
    }

    [Fact]
    public async Task Given_the_same_job_twice_then_201_then_200_with_the_same_uuid_and_token()
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines", PipelineBody, AgentKey);
        var body = JobBody("same-twice").Replace("PIPELINE", (string)pipeline["uuid"]!);

        var (first, created) = await host.Client.PostAsync("/api/v1/jobs", body, AgentKey);
        var (second, attached) = await host.Client.PostAsync("/api/v1/jobs", body, AdminKey);

        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal((string?)created["uuid"], (string?)attached["uuid"]);
        Assert.Equal((string?)created["token"], (string?)attached["token"]);
        Assert.Equal(1, (int)attached["version"]!);
    }

    [Fact]
    public async Task Given_a_created_job_when_finish_then_409_with_state_and_allowed_events()
    {
        var (uuid, token, _) = await NewJobAsync();

        var (status, body) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", $$"""{"name":"finish","token":"{{token}}"}""");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("CREATED", (string?)body["state"]);
        Assert.Equal(["create", "run", "update", "resource", "fail", "reset", "cancel", "tag", "annotate", "measure"], body["allowed_events"]!.Values<string>());
    }

    [Theory]
    [InlineData("""{"name":"publish"}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"data":{}}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"name":"run","data":[1]}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"name":"run",""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"name":"RUN"}""", HttpStatusCode.OK)]
    [InlineData("""{"event":"run"}""", HttpStatusCode.OK)]
    public async Task Given_event_bodies_then_the_contract_answers(string message, HttpStatusCode expected)
    {
        var (uuid, token, _) = await NewJobAsync();

        var (status, _) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", message, headers: Token(token));

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task Given_tokens_then_wrong_and_missing_are_401_and_query_header_and_body_all_work()
    {
        var (uuid, token, _) = await NewJobAsync();
        var (other, otherToken, _) = await NewJobAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", """{"name":"run"}""")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", $$"""{"name":"run","token":"{{otherToken}}"}""")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", """{"name":"run"}""", "not-a-key")).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events?token={token}", """{"name":"run"}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", """{"name":"update"}""", headers: Token(token))).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync($"/api/v1/jobs/{other}/events", """{"name":"run"}""", AdminKey)).Status);
    }

    [Fact]
    public async Task Given_a_duplicate_delivery_then_the_first_answer_and_one_stored_event_and_409_for_another_payload()
    {
        var (uuid, token, _) = await NewJobAsync();
        var message = $$"""{"name":"run","data":{"a":1},"token":"{{token}}","event_id":"agent-42"}""";

        var first = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", message);
        var again = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", message);
        var header = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", $$"""{"name":"run","data":{"a":1},"token":"{{token}}"}""",
            headers: new Dictionary<string, string> { ["Idempotency-Key"] = "agent-42" });
        var changed = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", $$"""{"name":"run","data":{"a":2},"token":"{{token}}","event_id":"agent-42"}""");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(first.Body.ToString(), again.Body.ToString());
        Assert.Equal(first.Body.ToString(), header.Body.ToString());
        Assert.Equal(HttpStatusCode.Conflict, changed.Status);
        Assert.Equal(2L, await ScalarAsync("SELECT count(*) FROM es.events WHERE stream_id = $1", uuid));
    }

    [Theory]
    [InlineData("POST", "reset")]
    [InlineData("POST", "ready")]
    [InlineData("POST", "undelete")]
    [InlineData("POST", "purge")]
    [InlineData("POST", "token")]
    [InlineData("DELETE", "")]
    public async Task Given_admin_routes_then_no_key_401_agent_key_403(string method, string action)
    {
        var (uuid, _, _) = await NewJobAsync();
        var path = action.Length == 0 ? $"/api/v1/jobs/{uuid}" : $"/api/v1/jobs/{uuid}/{action}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.SendAsync(new HttpMethod(method), path)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.SendAsync(new HttpMethod(method), path, key: "wrong")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client.SendAsync(new HttpMethod(method), path, key: AgentKey)).Status);
        Assert.Equal(2L, await ScalarAsync("SELECT count(*) + 1 FROM es.events WHERE stream_id = $1", uuid));
    }

    [Fact]
    public async Task Given_reset_and_ready_on_the_events_route_then_an_admin_key_is_needed()
    {
        var (uuid, token, _) = await NewJobAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", $$"""{"name":"reset","token":"{{token}}"}""")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", $$"""{"name":"reset","token":"{{token}}"}""", AgentKey)).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", """{"name":"reset"}""", AdminKey)).Status);
    }

    [Fact]
    public async Task Given_a_finished_job_when_reset_with_clear_archive_then_only_its_directory_is_emptied_and_ready_makes_it_created()
    {
        var (uuid, token, _) = await NewJobAsync();
        await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", """{"name":"run"}""", headers: Token(token));
        var document = (await Jobs.ReadDocumentAsync(uuid, false, CancellationToken.None))!;
        var directory = Path.Combine(host.StorageRoot, (string)document["archive_system"]!, ((string)document["archive_path"]!).TrimStart('/'));
        Directory.CreateDirectory(Path.Combine(directory, "sub"));
        await File.WriteAllTextAsync(Path.Combine(directory, "out.txt"), "x");
        var sibling = Path.Combine(Path.GetDirectoryName(directory)!, "keep.txt");
        await File.WriteAllTextAsync(sibling, "y");

        var (resetStatus, reset) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/reset", """{"data":{"why":"rerun"},"clear_archive":true}""", AdminKey);
        var (readyStatus, ready) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/ready", null, AdminKey);

        Assert.Equal(HttpStatusCode.OK, resetStatus);
        Assert.Equal("RESET", (string?)reset["state"]);
        Assert.True((bool)reset["archive_cleared"]!);
        Assert.True(Directory.Exists(directory));
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
        Assert.True(File.Exists(sibling));
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal("CREATED", (string?)ready["state"]);
    }

    [Fact]
    public async Task Given_a_job_when_deleted_then_its_events_404_until_undeleted()
    {
        var (uuid, token, _) = await NewJobAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.SendAsync(HttpMethod.Delete, $"/api/v1/jobs/{uuid}", key: AdminKey)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", """{"name":"run"}""", headers: Token(token))).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync($"/api/v1/jobs/{uuid}/undelete", null, AdminKey)).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", """{"name":"run"}""", headers: Token(token))).Status);
    }

    [Fact]
    public async Task Given_a_job_when_purged_then_404_everywhere_and_an_audit_record_stays()
    {
        var (uuid, token, _) = await NewJobAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PostAsync($"/api/v1/jobs/{uuid}/purge", null, AdminKey)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", """{"name":"run"}""", headers: Token(token))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync($"/api/v1/jobs/{uuid}/purge", null, AdminKey)).Status);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM es.events WHERE stream_id = $1", uuid));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM audit_log WHERE job_uuid = $1 AND action = 'purge' AND actor LIKE 'admin:%'", uuid));
    }

    [Fact]
    public async Task Given_a_rotated_token_then_the_old_one_is_refused_and_the_new_one_works()
    {
        var (uuid, token, _) = await NewJobAsync();

        var (status, body) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/token", null, AdminKey);
        var rotated = (string)body["token"]!;

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(token, rotated);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", """{"name":"run"}""", headers: Token(token))).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", """{"name":"run"}""", headers: Token(rotated))).Status);
    }

    [Theory]
    [InlineData("""{"pipeline_uuid":"106aaaaa-0000-5000-8000-000000000000"}""", AgentKey, HttpStatusCode.NotFound)]
    [InlineData("""{"pipeline_uuid":"PIPELINE","sample_id":["sample.tacc.1","measurement.tacc.2"]}""", AgentKey, HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"pipeline_uuid":"PIPELINE","data":"x"}""", AgentKey, HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"pipeline_uuid":"PIPELINE","data":{"x":NaN}}""", AgentKey, HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"pipeline_uuid":"PIPELINE"}""", null, HttpStatusCode.Unauthorized)]
    [InlineData("""{"pipeline_uuid":"PIPELINE"}""", "wrong", HttpStatusCode.Unauthorized)]
    public async Task Given_bad_job_creations_then_4xx_and_nothing_stored(string body, string? key, HttpStatusCode expected)
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines", PipelineBody, AgentKey);
        var before = await ScalarAsync("SELECT count(*) FROM es.events");

        var (status, _) = await host.Client.PostAsync("/api/v1/jobs", body.Replace("PIPELINE", (string)pipeline["uuid"]!), key);

        Assert.Equal(expected, status);
        Assert.Equal(before, await ScalarAsync("SELECT count(*) FROM es.events"));
    }

    [Fact]
    public async Task Given_pipelines_then_agents_register_once_and_the_uuid_is_python_datacatalogs()
    {
        var (created, first) = await host.Client.PostAsync("/api/v1/pipelines", """{"name":"p","components":[],"id":"tacc/pipeline-39:2"}""", AgentKey);
        var (again, second) = await host.Client.PostAsync("/api/v1/pipelines", """{"name":"p","components":[],"id":"tacc/pipeline-39:2"}""", AdminKey);
        var (anonymous, _) = await host.Client.PostAsync("/api/v1/pipelines", """{"name":"p","components":[]}""");
        var (malformed, _) = await host.Client.PostAsync("/api/v1/pipelines", """{"components":{}}""", AgentKey);

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("106d3df7-b183-5c1a-bcd0-079234fcf235", (string?)first["uuid"]);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal((string?)first["uuid"], (string?)second["uuid"]);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed);
    }

    [Fact]
    public async Task Given_an_event_body_over_one_mebibyte_then_413()
    {
        var (uuid, token, _) = await NewJobAsync();
        var huge = $$$"""{"name":"update","data":{"x":"{{{new string('a', 1024 * 1024)}}}"}}""";

        var (status, _) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", huge, headers: Token(token));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task Given_job_documents_when_rebuilt_from_the_events_then_they_equal_what_was_written_inline()
    {
        for (var i = 0; i < 5; i++)
        {
            var (uuid, token, _) = await NewJobAsync();
            await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", """{"name":"run","data":{"big":1e16,"neg":-0.0}}""", headers: Token(token));
        }
        var before = await DocumentsAsync();

        var (status, body) = await host.Client.PostAsync("/api/v1/admin/projections/job_documents_v1/rebuild", null, AdminKey);
        var daemon = host.Services.GetRequiredService<Catalog.Core.Projections.ProjectionDaemon>();
        await daemon.WaitForPositionAsync("job_documents_v1", (long)body["rebuild_target"]!, TimeSpan.FromSeconds(30), CancellationToken.None);
        var (_, progress) = await host.Client.SendAsync(HttpMethod.Get, "/api/v1/admin/projections", key: AdminKey);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(before, await DocumentsAsync());
        Assert.Contains(progress["items"]!, p => (string?)p["name"] == "job_documents_v1");
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsync("/api/v1/admin/projections/nope/rebuild", null, AdminKey)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client.PostAsync("/api/v1/admin/projections/job_documents_v1/rebuild", null, AgentKey)).Status);
    }

    private JobService Jobs => host.Services.GetRequiredService<JobService>();

    private static Dictionary<string, string> Token(string token) => new() { ["X-Catalog-Token"] = token };

    private static string JobBody(string label) =>
        $$$"""{"pipeline_uuid":"PIPELINE","measurement_id":"measurement.tacc.0xDEADBEEF","data":{"label":"{{{label}}}","alpha":0.5}}""";

    [Fact]
    public async Task Given_a_job_just_created_or_attached_to_then_the_answer_is_the_document_get_answers_plus_token_and_webhook()
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines", PipelineBody, AgentKey);
        var body = JobBody(Guid.NewGuid().ToString("N")).Replace("PIPELINE", (string)pipeline["uuid"]!);

        var (_, created) = await host.Client.PostAsync("/api/v1/jobs", body, AgentKey);
        var uuid = (string)created["uuid"]!;
        var (_, fetched) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}");
        await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", $$"""{"name":"run","token":"{{created["token"]}}"}""");
        var (_, attached) = await host.Client.PostAsync("/api/v1/jobs", body, AgentKey);
        var (_, later) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}");

        Assert.Empty(attached["ignored_changes"]!);
        foreach (var answer in new[] { (JObject)created, (JObject)attached })
        {
            answer.Remove("token");
            answer.Remove("webhook");
            answer.Remove("attached");
            answer.Remove("ignored_changes");
        }
        Assert.Equal(fetched.ToString(), created.ToString());
        Assert.Equal(later.ToString(), attached.ToString());
    }

    private async Task<(string Uuid, string Token, string Webhook)> NewJobAsync()
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines", PipelineBody, AgentKey);
        var (status, job) = await host.Client.PostAsync("/api/v1/jobs",
            JobBody(Guid.NewGuid().ToString("N")).Replace("PIPELINE", (string)pipeline["uuid"]!), AgentKey);
        Assert.Equal(HttpStatusCode.Created, status);
        return ((string)job["uuid"]!, (string)job["token"]!, (string)job["webhook"]!);
    }

    private async Task<long> ScalarAsync(string sql, params object[] arguments)
    {
        await using var dataSource = NpgsqlDataSource.Create(host.ConnectionString);
        await using var command = dataSource.CreateCommand(sql);
        foreach (var argument in arguments)
        {
            command.Parameters.AddWithValue(argument);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private async Task<string> DocumentsAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(host.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT string_agg(uuid || state || version || updated || deleted || document::text, '|' ORDER BY uuid) FROM job_documents");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
