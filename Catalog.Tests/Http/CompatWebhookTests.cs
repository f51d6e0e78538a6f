using System.Net;
using Catalog.Tests.Jobs;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json;

namespace Catalog.Tests.Http;

[Trait("Category", "Database")]
public sealed class CompatWebhookTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>, IAsyncLifetime
{
    private readonly CompatScenario _scenario = new(host);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task Given_created_job_when_event_message_with_token_in_body_then_running()
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();

        var (status, body) = await _scenario.PostAsync("",
            $$$"""{"uuid":"{{{uuid}}}","name":"run","token":"{{{token}}}","data":{"pid":42}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(JToken.DeepEquals(new JObject { ["uuid"] = uuid, ["state"] = "RUNNING", ["last_event"] = "run", ["version"] = 2 }, body),
            body.ToString());
        Assert.Equal("""{"pid":42}""", (await _scenario.LastHistoryAsync(uuid))["data"]!.ToString(Formatting.None));
    }

    [Fact]
    public async Task Given_created_job_when_legacy_event_key_sent_as_curl_form_then_running()
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();

        var (status, body) = await _scenario.PostAsync("", $$"""{"uuid":"{{uuid}}","event":"RUN","token":"{{token}}"}""",
            "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("RUNNING", (string?)body["state"]);
        Assert.Equal("run", (string?)body["last_event"]);
    }

    [Fact]
    public async Task Given_event_message_without_uuid_and_token_when_the_url_has_them_then_url_fills_them_and_the_body_name_wins()
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();

        var (status, body) = await _scenario.PostAsync($"?uuid={uuid}&token={token}&event=finish", """{"name":"run"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("run", (string?)body["last_event"]);
    }

    [Fact]
    public async Task Given_event_message_with_a_wrong_token_in_the_body_when_the_url_token_is_right_then_the_body_wins_401()
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();

        var (status, _) = await _scenario.PostAsync($"?uuid={uuid}&token={token}", """{"name":"run","token":"0000000000000000"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Given_created_job_when_aloe_running_notification_then_run_with_the_record_minus_links_retries_localId()
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();
        var record = CompatScenario.AloeRecord("RUNNING");

        var (status, body) = await _scenario.PostAsync($"?uuid={uuid}&token={token}&status=RUNNING", record.ToString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("RUNNING", (string?)body["state"]);
        Assert.Equal("run", (string?)body["last_event"]);
        var expected = (JObject)record.DeepClone();
        expected.Remove("_links");
        expected.Remove("retries");
        expected.Remove("localId");
        var history = await _scenario.LastHistoryAsync(uuid);
        Assert.Equal("run", (string?)history["name"]);
        Assert.True(JToken.DeepEquals(expected, history["data"]), history.ToString());
    }

    [Fact]
    public async Task Given_running_job_when_aloe_finished_notification_then_finish_with_status_and_last_history_description()
    {
        var (uuid, token) = await _scenario.RunningJobAsync();
        var record = CompatScenario.AloeRecord("finished");
        record["history"] = new JArray(
            new JObject { ["status"] = "RUNNING", ["description"] = "Job started running" },
            new JObject { ["status"] = "FINISHED", ["description"] = "Job completed successfully" });

        var (status, body) = await _scenario.PostAsync($"?uuid={uuid}&token={token}", record.ToString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("FINISHED", (string?)body["state"]);
        Assert.Equal("finish", (string?)body["last_event"]);
        Assert.Equal("""{"status":"FINISHED","description":"Job completed successfully"}""",
            (await _scenario.LastHistoryAsync(uuid))["data"]!.ToString(Formatting.None));
    }

    [Fact]
    public async Task Given_aloe_notification_without_history_when_posted_then_the_description_is_null()
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();

        var (status, _) = await _scenario.PostAsync($"?uuid={uuid}&token={token}", CompatScenario.AloeRecord("QUEUED").ToString());

        Assert.Equal(HttpStatusCode.OK, status);
        var history = await _scenario.LastHistoryAsync(uuid);
        Assert.Equal("resource", (string?)history["name"]);
        Assert.Equal("""{"status":"QUEUED","description":null}""", history["data"]!.ToString(Formatting.None));
    }

    [Fact]
    public async Task Given_aloe_notification_when_the_url_names_an_event_then_the_url_event_wins()
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();

        var (status, body) = await _scenario.PostAsync($"?uuid={uuid}&token={token}&event=update",
            CompatScenario.AloeRecord("RUNNING").ToString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("CREATED", (string?)body["state"]);
        Assert.Equal("update", (string?)body["last_event"]);
    }

    [Fact]
    public async Task Given_created_job_when_plain_curl_with_status_running_in_the_url_then_running_with_the_default_note()
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();

        var (status, body) = await _scenario.PostAsync($"?uuid={uuid}&token={token}&status=RUNNING");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("RUNNING", (string?)body["state"]);
        Assert.Equal("""{"note":"Event had no JSON payload"}""",
            (await _scenario.LastHistoryAsync(uuid))["data"]!.ToString(Formatting.None));
    }

    [Fact]
    public async Task Given_created_job_when_plain_curl_with_event_update_and_a_note_then_the_note_is_the_data()
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();

        var (status, body) = await _scenario.PostAsync($"?uuid={uuid}&token={token}&event=update&note=hello");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("CREATED", (string?)body["state"]);
        Assert.Equal("update", (string?)body["last_event"]);
        Assert.Equal("""{"note":"hello"}""", (await _scenario.LastHistoryAsync(uuid))["data"]!.ToString(Formatting.None));
    }

    [Fact]
    public async Task Given_created_job_when_state_parameter_is_used_for_status_then_it_is_mapped_too()
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();

        var (status, body) = await _scenario.PostAsync($"?uuid={uuid}&token={token}&state=running");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("run", (string?)body["last_event"]);
    }

    [Fact]
    public async Task Given_running_job_when_an_unknown_status_arrives_then_update()
    {
        var (uuid, token) = await _scenario.RunningJobAsync();

        var (status, body) = await _scenario.PostAsync($"?uuid={uuid}&token={token}&status=BRAND_NEW_STATUS");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("RUNNING", (string?)body["state"]);
        Assert.Equal("update", (string?)body["last_event"]);
    }

    [Fact]
    public async Task Given_a_token_in_the_header_only_when_posted_then_accepted()
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();

        var (status, _) = await _scenario.PostAsync($"?uuid={uuid}&token=null&event=run",
            headers: new Dictionary<string, string> { ["X-Catalog-Token"] = token });

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("&token=0000000000000000")]
    [InlineData("")]
    [InlineData("&token=null")]
    public async Task Given_a_wrong_or_missing_token_when_posted_then_401_and_nothing_stored(string tokenPart)
    {
        var (uuid, _) = await _scenario.CreatedJobAsync();

        var (status, body) = await _scenario.PostAsync($"?uuid={uuid}{tokenPart}&status=RUNNING");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(401, (int?)body["status"]);
        Assert.Equal(1, await _scenario.VersionAsync(uuid));
    }

    [Fact]
    public async Task Given_an_agent_when_reset_is_sent_through_the_webhook_then_401_without_an_admin_key()
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();

        var (status, _) = await _scenario.PostAsync($"?uuid={uuid}&token={token}&event=reset");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(1, await _scenario.VersionAsync(uuid));
    }

    [Fact]
    public async Task Given_an_unknown_job_when_posted_then_404()
    {
        var (status, _) = await _scenario.PostAsync($"?uuid={JobSpecs.Unique().Uuid}&token=0000000000000000&status=RUNNING");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Given_created_job_when_finish_arrives_then_409_with_state_and_allowed_events()
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();

        var (status, body) = await _scenario.PostAsync($"?uuid={uuid}&token={token}&status=FINISHED");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("CREATED", (string?)body["state"]);
        Assert.Contains("run", body["allowed_events"]!.Values<string>());
        Assert.DoesNotContain("finish", body["allowed_events"]!.Values<string>());
    }

    [Fact]
    public async Task Given_an_unknown_event_name_when_posted_then_422()
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();

        var (status, body) = await _scenario.PostAsync($"?uuid={uuid}&token={token}&event=publish");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("publish", (string?)body["detail"]);
    }

    [Theory]
    [InlineData("""{"uuid": "107""", "not valid JSON")]
    [InlineData("status=RUNNING", "not valid JSON")]
    [InlineData("[1, 2]", "JSON object")]
    [InlineData("""{"name":"run","data":[1]}""", "data")]
    [InlineData("""{"name":"run","event_id":""}""", "event_id")]
    [InlineData("""{"name":"run","uuid":7}""", "uuid")]
    public async Task Given_a_malformed_body_when_posted_then_422_saying_what_to_fix(string json, string mentions)
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();

        var (status, body) = await _scenario.PostAsync($"?uuid={uuid}&token={token}", json, "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(mentions, body.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await _scenario.VersionAsync(uuid));
    }

    [Fact]
    public async Task Given_a_plain_agave_job_record_when_posted_then_422_no_longer_supported()
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();
        var record = CompatScenario.AloeRecord("RUNNING");
        record.Remove("tenantId");
        record.Remove("tenantQueue");

        var (status, body) = await _scenario.PostAsync($"?uuid={uuid}&token={token}", record.ToString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("no longer supported", (string?)body["detail"]);
    }

    [Theory]
    [InlineData("?status=RUNNING", "uuid")]
    [InlineData("?uuid=106c46ff-8186-5756-a934-071f4497b58d&status=RUNNING", "job UUID")]
    [InlineData("?uuid=not-a-uuid&status=RUNNING", "job UUID")]
    public async Task Given_a_missing_or_malformed_job_uuid_when_posted_then_422(string query, string mentions)
    {
        var (status, body) = await _scenario.PostAsync(query);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(mentions, (string?)body["detail"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""{"unrelated":true}""")]
    public async Task Given_no_event_status_or_name_when_posted_then_422_asking_for_an_event(string? json)
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();

        var (status, body) = await _scenario.PostAsync($"?uuid={uuid}&token={token}", json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("event name is needed", (string?)body["detail"]);
    }

    [Fact]
    public async Task Given_a_duplicate_delivery_with_the_same_event_id_then_the_same_answer_and_one_event()
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();
        var message = $$$"""{"uuid":"{{{uuid}}}","name":"update","token":"{{{token}}}","event_id":"delivery-1","data":{"n":1}}""";

        var first = await _scenario.PostAsync("", message);
        var second = await _scenario.PostAsync("", message);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.True(JToken.DeepEquals(first.Body, second.Body), $"{first.Body} vs {second.Body}");
        Assert.Equal(2, await _scenario.VersionAsync(uuid));
    }

    [Fact]
    public async Task Given_a_duplicate_empty_post_with_the_same_idempotency_key_then_one_event()
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = "callback-7" };

        var first = await _scenario.PostAsync($"?uuid={uuid}&token={token}&event=update&note=once", headers: headers);
        var second = await _scenario.PostAsync($"?uuid={uuid}&token={token}&event=update&note=once", headers: headers);

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.True(JToken.DeepEquals(first.Body, second.Body));
        Assert.Equal(2, await _scenario.VersionAsync(uuid));
    }

    [Fact]
    public async Task Given_a_reused_event_id_with_a_different_payload_then_409()
    {
        var (uuid, token) = await _scenario.CreatedJobAsync();

        await _scenario.PostAsync("", $$$"""{"uuid":"{{{uuid}}}","name":"update","token":"{{{token}}}","event_id":"d-2","data":{"n":1}}""");
        var (status, _) = await _scenario.PostAsync("", $$$"""{"uuid":"{{{uuid}}}","name":"update","token":"{{{token}}}","event_id":"d-2","data":{"n":2}}""");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(2, await _scenario.VersionAsync(uuid));
    }
}
