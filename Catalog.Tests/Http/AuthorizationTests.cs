using System.Net;
using Catalog.Tests.Indexing;
using Newtonsoft.Json.Linq;
using static Catalog.Tests.Http.CatalogHostFixture;

namespace Catalog.Tests.Http;

/// <summary>
/// One token rule for a job's own routes (events, the compatibility webhook, indexing), one rule for where the token
/// comes from, and tokens that never outlive a rotation or a purge; agents never see a hidden job.
/// </summary>
[Trait("Category", "Database")]
public sealed class AuthorizationTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    [Theory]
    [InlineData("upper")]
    [InlineData("padded")]
    public async Task Given_a_token_that_is_not_exactly_the_jobs_then_events_the_webhook_and_indexing_all_answer_401(string mangling)
    {
        var job = await new IndexingScenario(host).FinishedJobAsync();
        var token = mangling == "upper" ? job.Token.ToUpperInvariant() : $" {job.Token} ";

        var (events, _) = await host.Client.PostAsync($"/api/v1/jobs/{job.Uuid}/events", new JObject { ["name"] = "index", ["token"] = token }.ToString());
        var (webhook, _) = await host.Client.PostAsync($"/api/v1/webhooks/jobs?uuid={job.Uuid}&event=index&token={Uri.EscapeDataString(token)}");
        var (index, _) = await job.IndexAsync(new JObject { ["token"] = token }.ToString());

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], [events, webhook, index]);
        Assert.Equal(3, await job.EventCountAsync());
    }

    [Fact]
    public async Task Given_an_empty_token_in_one_place_then_it_does_not_hide_the_valid_token_in_another()
    {
        var job = await new IndexingScenario(host).FinishedJobAsync();
        var header = new Dictionary<string, string> { ["X-Catalog-Token"] = job.Token };

        var (emptyQuery, _) = await host.Client.PostAsync($"/api/v1/jobs/{job.Uuid}/events?token=", """{"name":"validate"}""", headers: header);
        var (emptyBody, _) = await host.Client.PostAsync($"/api/v1/jobs/{job.Uuid}/events?token={job.Token}", """{"name":"update","token":""}""");

        Assert.Equal(HttpStatusCode.OK, emptyQuery);
        Assert.Equal(HttpStatusCode.OK, emptyBody);
    }

    [Fact]
    public async Task Given_two_different_tokens_then_401_on_events_and_indexing_but_the_webhook_keeps_the_body_over_the_url()
    {
        var job = await new IndexingScenario(host).FinishedJobAsync();
        var wrong = new string('0', 32);

        var (events, _) = await host.Client.PostAsync($"/api/v1/jobs/{job.Uuid}/events?token={wrong}", $$"""{"name":"update","token":"{{job.Token}}"}""");
        var (index, _) = await job.IndexAsync($$"""{"token":"{{job.Token}}"}""", headers: new Dictionary<string, string> { ["X-Catalog-Token"] = wrong });
        var (bodyWins, _) = await host.Client.PostAsync($"/api/v1/webhooks/jobs?uuid={job.Uuid}&token={wrong}", $$"""{"name":"validate","token":"{{job.Token}}"}""");
        var (bodyWrong, _) = await host.Client.PostAsync($"/api/v1/webhooks/jobs?uuid={job.Uuid}&token={job.Token}", $$"""{"name":"update","token":"{{wrong}}"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, events);
        Assert.Equal(HttpStatusCode.Unauthorized, index);
        Assert.Equal(HttpStatusCode.OK, bodyWins);
        Assert.Equal(HttpStatusCode.Unauthorized, bodyWrong);
    }

    [Fact]
    public async Task Given_the_token_parameter_twice_then_401_on_events_but_the_webhook_takes_the_last_as_appended_callback_urls_mean()
    {
        var job = await new IndexingScenario(host).FinishedJobAsync();
        var wrong = new string('0', 32);

        var (events, _) = await host.Client.PostAsync($"/api/v1/jobs/{job.Uuid}/events?token={job.Token}&token={wrong}", """{"name":"update"}""");
        var (same, _) = await host.Client.PostAsync($"/api/v1/jobs/{job.Uuid}/events?token={job.Token}&token={job.Token}", """{"name":"update"}""");
        var (lastWins, _) = await host.Client.PostAsync($"/api/v1/webhooks/jobs?uuid={job.Uuid}&token={wrong}&token={job.Token}&event=update");
        var (lastWrong, _) = await host.Client.PostAsync($"/api/v1/webhooks/jobs?uuid={job.Uuid}&token={job.Token}&token={wrong}&event=update");

        // Authorized calls reach the state machine, which refuses update from FINISHED: 409, not 401.
        Assert.Equal(HttpStatusCode.Unauthorized, events);
        Assert.Equal(HttpStatusCode.Conflict, same);
        Assert.Equal(HttpStatusCode.Conflict, lastWins);
        Assert.Equal(HttpStatusCode.Unauthorized, lastWrong);
    }

    [Fact]
    public async Task Given_a_rotated_out_token_when_the_job_is_purged_and_created_again_then_it_still_never_works()
    {
        var (spec, first) = await CreateAsync(AgentKey);
        var uuid = (string)first["uuid"]!;
        var (_, rotated) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/token", null, AdminKey);
        Assert.NotEqual((string?)first["token"], (string?)rotated["token"]);

        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PostAsync($"/api/v1/jobs/{uuid}/purge", null, AdminKey)).Status);
        var (status, again) = await host.Client.PostAsync("/api/v1/jobs", spec, AgentKey);
        var (old, _) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", $$"""{"name":"run","token":"{{first["token"]}}"}""");
        var (rotatedOut, _) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", $$"""{"name":"run","token":"{{rotated["token"]}}"}""");
        var (current, _) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", $$"""{"name":"run","token":"{{again["token"]}}"}""");

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(HttpStatusCode.Unauthorized, old);
        Assert.Equal(HttpStatusCode.Unauthorized, rotatedOut);
        Assert.Equal(HttpStatusCode.OK, current);
    }

    [Fact]
    public async Task Given_a_hidden_job_when_an_agent_posts_its_spec_again_then_404_without_document_or_token_and_an_admin_gets_both()
    {
        var (spec, created) = await CreateAsync(AgentKey);
        var uuid = (string)created["uuid"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.SendAsync(HttpMethod.Delete, $"/api/v1/jobs/{uuid}", key: AdminKey)).Status);

        var (agent, agentBody) = await host.Client.PostAsync("/api/v1/jobs", spec, AgentKey);
        var (admin, adminBody) = await host.Client.PostAsync("/api/v1/jobs", spec, AdminKey);

        Assert.Equal(HttpStatusCode.NotFound, agent);
        Assert.Null(agentBody["token"]);
        Assert.DoesNotContain((string)created["token"]!, agentBody.ToString());
        Assert.Equal(HttpStatusCode.OK, admin);
        Assert.Equal((string?)created["token"], (string?)adminBody["token"]);
        Assert.True((bool)adminBody["deleted"]!);
    }

    [Fact]
    public async Task Given_an_agent_key_on_an_admin_route_then_403_and_without_a_key_401_both_problem_documents()
    {
        var (_, created) = await CreateAsync(AgentKey);
        var uuid = (string)created["uuid"]!;

        var (agent, agentBody) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/token", null, AgentKey);
        var (anonymous, anonymousBody) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/token");
        var (invalid, invalidBody) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/token", null, "not-a-key");

        Assert.Equal((HttpStatusCode.Forbidden, 403), (agent, (int)agentBody["status"]!));
        Assert.Equal((HttpStatusCode.Unauthorized, 401), (anonymous, (int)anonymousBody["status"]!));
        Assert.Equal((HttpStatusCode.Unauthorized, 401), (invalid, (int)invalidBody["status"]!));
    }

    private async Task<(string Spec, JToken Answer)> CreateAsync(string key)
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines", """{"id":"tacc/auth:1","name":"Auth","components":[]}""", AgentKey);
        var spec = new JObject { ["pipeline_uuid"] = pipeline["uuid"], ["data"] = new JObject { ["run"] = Guid.NewGuid().ToString("N") } }.ToString();
        var (status, answer) = await host.Client.PostAsync("/api/v1/jobs", spec, key);
        Assert.Equal(HttpStatusCode.Created, status);
        return (spec, answer);
    }
}
