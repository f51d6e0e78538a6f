using System.Net;
using Catalog.Tests.EventStore;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static Catalog.Tests.Http.CatalogHostFixture;
using static Catalog.Tests.Http.OpenLineageEvents;

namespace Catalog.Tests.Http;

/// <summary>
/// OpenLineage ingest through the real host: events as Airflow, Spark, dbt and Flink emit them become jobs, states and
/// edges; static job and dataset events, repeats, late and out-of-order deliveries, batches, and facets for admins only.
/// </summary>
[Trait("Category", "Database")]
public sealed class OpenLineageTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    private const string KnownFileUuid = "105fb204-530b-5915-9fd6-caf88ca9ad8a"; // /uploads/tacc/example/345.txt (reference §12)

    [Fact]
    public async Task Given_an_Airflow_task_started_and_completed_then_its_job_finished_in_its_DAG_runs_group_with_edges_to_its_datasets()
    {
        var (dag, runId, dagRunId) = ($"qc_{Suffix()}", NewRunId(), NewRunId());

        var (started, start) = await PostAsync(AirflowTask("START", dag, "gate", runId, dagRunId, "2026-12-03T10:00:00.000Z"));
        var (completed, complete) = await PostAsync(AirflowTask("COMPLETE", dag, "gate", runId, dagRunId, "2026-12-03T10:05:00.000Z"));

        Assert.Equal(HttpStatusCode.Created, started);
        Assert.Equal("RUNNING", (string?)start["state"]);
        Assert.Equal(HttpStatusCode.Created, completed);
        Assert.Equal("FINISHED", (string?)complete["state"]);
        Assert.True((bool)complete["applied"]!);
        var job = (string)complete["job_uuid"]!;
        Assert.StartsWith("107", job);
        Assert.Equal(job, (string?)start["job_uuid"]);

        var document = await GetJsonAsync($"/api/v1/jobs/{job}");
        Assert.Equal("FINISHED", (string?)document["state"]);
        Assert.Equal(["create", "run", "finish"], document["history"]!.Select(h => (string)h["name"]!));
        var openLineage = document["openlineage"]!;
        Assert.Equal($"{dag}.gate", (string?)openLineage["name"]);
        Assert.Equal(runId, (string?)openLineage["run_id"]);
        Assert.Equal("COMPLETE", (string?)openLineage["event_type"]);
        Assert.Equal("Airflow", (string?)openLineage["run_facets"]!["processing_engine"]!["name"]);
        Assert.Equal("AIRFLOW", (string?)openLineage["job_facets"]!["jobType"]!["integration"]);

        // The run is found by its run id; the job's pipeline is the OpenLineage job, found by its id.
        var found = await GetJsonAsync($"/api/v1/jobs?openlineage_run_id={runId.ToUpperInvariant()}");
        Assert.Equal(job, (string?)Assert.Single((JArray)found["items"]!)["uuid"]);
        var pipeline = await GetJsonAsync($"/api/v1/pipelines/{Uri.EscapeDataString($"airflow-prod/{dag}.gate")}");
        Assert.Equal((string?)complete["pipeline_uuid"], (string?)pipeline["uuid"]);

        // The DAG run is the group of its task runs (a placeholder until its own events arrive).
        var group = (string)complete["group_uuid"]!;
        Assert.Equal(group, (string?)document["group"]);
        var groupView = await GetJsonAsync($"/api/v1/groups/{group}");
        Assert.Equal($"airflow-prod/{dag} run {dagRunId}", (string?)groupView["name"]);
        Assert.Equal(job, (string?)Assert.Single((JArray)groupView["members"]!)["uuid"]);

        // Inputs are acted_on edges (a dataset in a storage system of the catalog is its file), outputs generated_by.
        var warehouseTable = $"qc.{dag}.gate";
        var lineage = await WaitForLineageAsync(job, l => l["edges"]!.Count() >= 3);
        Assert.Contains(lineage["edges"]!, e => (string?)e["from"] == job && (string?)e["relation"] == "acted_on" && (string?)e["to"] == KnownFileUuid);
        var output = Assert.Single(lineage["nodes"]!, n => (string?)n["label"] == $"postgres://warehouse:5432/{warehouseTable}");
        Assert.Equal("dataset", (string?)output["type"]);
        Assert.StartsWith("113", (string)output["uuid"]!);
        Assert.Contains(lineage["edges"]!, e => (string?)e["from"] == (string?)output["uuid"] && (string?)e["relation"] == "generated_by" && (string?)e["to"] == job);
        Assert.Contains(lineage["edges"]!, e => (string?)e["from"] == job && (string?)e["relation"] == "member_of" && (string?)e["to"] == group);
    }

    [Fact]
    public async Task Given_an_OpenLineage_dataset_then_its_node_answers_on_the_lineage_route_as_search_links_it()
    {
        var (name, runId) = ($"normalise_{Suffix()}", NewRunId());
        var (_, started) = await PostAsync(Flink("START", name, runId, "2026-12-03T13:00:00Z"));
        var job = (string)started["job_uuid"]!;
        var lineage = await WaitForLineageAsync(job, l => l["nodes"]!.Any(n => (string?)n["type"] == "dataset"));
        var dataset = (string)lineage["nodes"]!.First(n => (string?)n["type"] == "dataset")["uuid"]!;

        var (status, around) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{dataset}?depth=1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(around["nodes"]!, n => (string?)n["uuid"] == job);
    }

    [Fact]
    public async Task Given_a_Spark_run_with_column_lineage_and_secrets_then_facets_are_kept_on_the_job_and_secrets_shown_to_admins_only()
    {
        var (app, runId) = ($"gating_{Suffix()}", NewRunId());
        await PostAsync(Spark("START", app, runId, "2026-12-03T11:00:00Z"));
        var (_, running) = await PostAsync(Spark("RUNNING", app, runId, "2026-12-03T11:01:00Z"));
        var (_, complete) = await PostAsync(Spark("COMPLETE", app, runId, "2026-12-03T11:02:00Z"));

        Assert.Equal("RUNNING", (string?)running["state"]);
        Assert.Equal("FINISHED", (string?)complete["state"]);
        var job = (string)complete["job_uuid"]!;
        var document = await GetJsonAsync($"/api/v1/jobs/{job}");
        Assert.Equal(["create", "run", "update", "finish"], document["history"]!.Select(h => (string)h["name"]!));
        var openLineage = document["openlineage"]!;
        var output = Assert.Single((JArray)openLineage["outputs"]!);
        Assert.Equal("fluorescence", (string?)output["facets"]!["columnLineage"]!["fields"]!["gated_fluorescence"]!["inputFields"]![0]!["field"]);
        Assert.Equal(1204, (int)output["facets"]!["outputFacets"]!["outputStatistics"]!["rowCount"]!);
        Assert.Equal("3.5.3", (string?)openLineage["run_facets"]!["spark_version"]!["spark-version"]);
        // Facets that may carry credentials are named, never shown, on the job.
        Assert.Equal(["run.spark_properties", "run.environmentVariables"], openLineage["redacted_facets"]!.Select(f => (string)f!));
        var text = document.ToString(Formatting.None);
        Assert.DoesNotContain("hunter2", text);
        Assert.DoesNotContain("AKIA-not-for-readers", text);

        // The OpenLineage log keeps every event whole; readers see a notice where an admin sees the facet.
        var forReaders = await GetJsonAsync($"/api/v1/lineage/events?run_id={runId}");
        Assert.Equal(3, ((JArray)forReaders["items"]!).Count);
        Assert.Equal(["START", "RUNNING", "COMPLETE"], forReaders["items"]!.Select(i => (string)i["event_type"]!));
        var readerFacets = forReaders["items"]![2]!["event"]!["run"]!["facets"]!;
        Assert.Equal("shown to admins only", (string?)readerFacets["environmentVariables"]!["redacted"]);
        Assert.Equal("shown to admins only", (string?)readerFacets["spark_properties"]!["redacted"]);
        Assert.DoesNotContain("hunter2", forReaders.ToString(Formatting.None));
        var (_, forAdmins) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/events?run_id={runId}", key: AdminKey);
        Assert.Equal("hunter2", (string?)forAdmins["items"]![2]!["event"]!["run"]!["facets"]!["environmentVariables"]!["environmentVariables"]![0]!["value"]);
        Assert.Equal(job, (string?)forAdmins["items"]![0]!["job_uuid"]);
    }

    [Fact]
    public async Task Given_a_dbt_model_first_seen_at_COMPLETE_then_it_is_recorded_with_the_run_it_implies()
    {
        var (model, runId, invocation) = ($"od_means_{Suffix()}", NewRunId(), NewRunId());

        var (status, answer) = await PostAsync(Dbt("COMPLETE", model, runId, invocation, "2026-12-03T12:00:00Z"));

        Assert.Equal(HttpStatusCode.Created, status);
        var document = await GetJsonAsync($"/api/v1/jobs/{answer["job_uuid"]}");
        Assert.Equal("FINISHED", (string?)document["state"]);
        Assert.Equal(["create", "run", "finish"], document["history"]!.Select(h => (string)h["name"]!));
        Assert.Equal("COMPLETE", (string?)document["history"]![1]!["data"]!["openlineage"]!["event_type"]);
        Assert.Equal("postgres", (string?)document["openlineage"]!["job_facets"]!["sql"]!["dialect"]);
        Assert.NotNull(document["group"]);
    }

    [Fact]
    public async Task Given_a_Flink_streaming_job_that_is_aborted_then_it_is_cancelled_and_its_checkpoints_are_updates()
    {
        var (name, runId) = ($"normalise_{Suffix()}", NewRunId());
        await PostAsync(Flink("START", name, runId, "2026-12-03T13:00:00Z"));
        await PostAsync(Flink("RUNNING", name, runId, "2026-12-03T13:10:00Z"));
        await PostAsync(Flink("RUNNING", name, runId, "2026-12-03T13:20:00Z"));
        var (_, aborted) = await PostAsync(Flink("ABORT", name, runId, "2026-12-03T13:30:00Z"));

        Assert.Equal("CANCELLED", (string?)aborted["state"]);
        var document = await GetJsonAsync($"/api/v1/jobs/{aborted["job_uuid"]}");
        Assert.Equal(["create", "run", "update", "update", "cancel"], document["history"]!.Select(h => (string)h["name"]!));
        Assert.Equal("STREAMING", (string?)document["openlineage"]!["job_facets"]!["jobType"]!["processingType"]);
    }

    [Fact]
    public async Task Given_a_failed_run_with_an_error_message_then_the_job_failed_and_shows_the_message()
    {
        var (name, runId) = ($"gate_{Suffix()}", NewRunId());

        var (status, answer) = await PostAsync(Failed(name, runId, "2026-12-03T14:00:00Z"));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("FAILED", (string?)answer["state"]);
        var document = await GetJsonAsync($"/api/v1/jobs/{answer["job_uuid"]}");
        Assert.Equal(["create", "run", "fail"], document["history"]!.Select(h => (string)h["name"]!));
        Assert.Equal("division by zero in gate threshold", (string?)document["openlineage"]!["run_facets"]!["errorMessage"]!["message"]);
    }

    [Fact]
    public async Task Given_the_same_event_twice_then_the_second_records_nothing_new()
    {
        var (name, runId) = ($"gate_{Suffix()}", NewRunId());
        var complete = Failed(name, runId, "2026-12-03T14:00:00Z");
        var (_, first) = await PostAsync(complete);
        var before = await GetJsonAsync($"/api/v1/jobs/{first["job_uuid"]}");

        var (status, second) = await PostAsync(complete);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((bool)second["duplicate"]!);
        Assert.Equal(first["fingerprint"], second["fingerprint"]);
        var after = await GetJsonAsync($"/api/v1/jobs/{first["job_uuid"]}");
        Assert.Equal((long)before["version"]!, (long)after["version"]!);
        var log = await GetJsonAsync($"/api/v1/lineage/events?run_id={runId}");
        Assert.Single((JArray)log["items"]!);
    }

    [Fact]
    public async Task Given_events_out_of_order_then_a_late_START_never_reopens_the_finished_run_and_is_kept_in_the_log()
    {
        var (model, runId, invocation) = ($"late_{Suffix()}", NewRunId(), NewRunId());
        var (_, complete) = await PostAsync(Dbt("COMPLETE", model, runId, invocation, "2026-12-03T12:05:00Z"));
        var job = (string)complete["job_uuid"]!;
        var before = await GetJsonAsync($"/api/v1/jobs/{job}");

        var (status, late) = await PostAsync(Dbt("START", model, runId, invocation, "2026-12-03T12:00:00Z"));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.False((bool)late["applied"]!);
        Assert.Equal("FINISHED", (string?)late["state"]);
        Assert.Contains("kept in the OpenLineage log", (string?)late["note"]);
        var after = await GetJsonAsync($"/api/v1/jobs/{job}");
        Assert.Equal("FINISHED", (string?)after["state"]);
        Assert.Equal((long)before["version"]!, (long)after["version"]!);
        var log = await GetJsonAsync($"/api/v1/lineage/events?job_uuid={job}");
        Assert.Equal(["COMPLETE", "START"], log["items"]!.Select(i => (string)i["event_type"]!));
    }

    [Fact]
    public async Task Given_a_JobEvent_and_a_DatasetEvent_then_the_job_is_a_pipeline_and_both_are_kept_in_the_log()
    {
        var name = $"gating_{Suffix()}";

        var (jobStatus, jobAnswer) = await PostAsync(JobEvent(name));
        var (datasetStatus, datasetAnswer) = await PostAsync(DatasetEvent($"lab.marts.{name}"));

        Assert.Equal(HttpStatusCode.Created, jobStatus);
        Assert.Equal("job", (string?)jobAnswer["kind"]);
        var pipeline = await GetJsonAsync($"/api/v1/pipelines/{jobAnswer["pipeline_uuid"]}");
        Assert.Equal($"lab-scripts/{name}", (string?)pipeline["id"]);
        Assert.Equal("Gates cells by fluorescence.", (string?)pipeline["description"]);
        Assert.Equal(HttpStatusCode.Created, datasetStatus);
        Assert.StartsWith("113", (string)datasetAnswer["dataset_uuid"]!);
        Assert.Single((JArray)(await GetJsonAsync($"/api/v1/lineage/events?namespace=lab-scripts&name={name}"))["items"]!);
        var datasetLog = await GetJsonAsync($"/api/v1/lineage/events?name=lab.marts.{name}");
        Assert.Equal("dataset", (string?)Assert.Single((JArray)datasetLog["items"]!)["kind"]);
    }

    [Fact]
    public async Task Given_an_event_time_without_a_time_zone_then_it_is_read_as_UTC()
    {
        var (name, runId) = ($"gate_{Suffix()}", NewRunId());
        var (status, answer) = await PostAsync(Failed(name, runId, "2026-12-03T14:00:00.250"));

        Assert.Equal(HttpStatusCode.Created, status);
        var document = await host.Client.GetStringAsync($"/api/v1/jobs/{answer["job_uuid"]}");
        Assert.Contains("\"event_time\":\"2026-12-03T14:00:00.250Z\"", document, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"eventTime":"2026-12-03T10:00:00Z","producer":"p","schemaURL":"s","run":{"runId":5},"job":{"namespace":"n"}}""", "/run/runId")]
    [InlineData("""{"eventType":"BEGIN","eventTime":"2026-12-03T10:00:00Z","producer":"p","schemaURL":"s","run":{"runId":"ea041791-68bc-4ae1-bd89-4c8106a157e4"},"job":{"namespace":"n","name":"j"}}""", "/eventType")]
    [InlineData("""{"eventTime":"2026-12-03T10:00:00Z","producer":"p","schemaURL":"s","run":{"runId":"not-a-uuid"},"job":{"namespace":"n","name":"j"}}""", "run.runId")]
    [InlineData("""{"eventTime":"yesterday","producer":"p","schemaURL":"s","run":{"runId":"ea041791-68bc-4ae1-bd89-4c8106a157e4"},"job":{"namespace":"n","name":"j"}}""", "eventTime")]
    [InlineData("""{"producer":"p","schemaURL":"s"}""", "neither a run")]
    [InlineData("""[1,2]""", "one OpenLineage event")]
    public async Task Given_an_event_the_specification_refuses_then_it_is_a_422_naming_the_problem_and_nothing_is_kept(string body, string named)
    {
        var (status, problem) = await host.Client.PostAsync("/api/v1/lineage", body, AgentKey);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(named, problem.ToString(Formatting.None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_facet_nested_deeper_than_usual_then_the_event_is_recorded()
    {
        var deep = Failed($"deep_{Suffix()}", NewRunId(), "2026-12-03T14:00:00Z");
        JToken nested = new JObject { ["leaf"] = true };
        for (var i = 0; i < 300; i++)
        {
            nested = new JObject { ["level"] = nested };
        }
        deep["run"]!["facets"]!["custom"] = new JObject { ["_producer"] = "p", ["_schemaURL"] = "s", ["tree"] = nested };

        var (status, answer) = await PostAsync(deep);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("FAILED", (string?)answer["state"]);
    }

    [Fact]
    public async Task Given_no_key_then_an_event_is_refused_with_401()
    {
        var (status, _) = await host.Client.PostAsync("/api/v1/lineage", Failed("x", NewRunId(), "2026-12-03T14:00:00Z").ToString());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Given_a_batch_with_a_bad_event_then_the_others_are_recorded_and_the_answer_names_the_bad_one()
    {
        var (name, runA, runB) = ($"batch_{Suffix()}", NewRunId(), NewRunId());
        var bad = Failed(name, NewRunId(), "2026-12-03T14:00:00Z");
        bad["run"]!["runId"] = 42;
        var batch = new JArray(Failed(name, runA, "2026-12-03T14:00:00Z"), bad, Flink("START", name, runB, "2026-12-03T14:01:00Z"));

        var (status, answer) = await host.Client.PostAsync("/api/v1/lineage/batch", batch.ToString(), AgentKey);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("partial_success", (string?)answer["status"]);
        Assert.Equal(3, (int)answer["summary"]!["received"]!);
        Assert.Equal(2, (int)answer["summary"]!["successful"]!);
        Assert.Equal(1, (int)answer["summary"]!["non_retriable"]!);
        var failed = Assert.Single((JArray)answer["failed_events"]!);
        Assert.Equal(1, (int)failed["index"]!);
        Assert.False((bool)failed["retriable"]!);
        Assert.Contains("/run/runId", (string?)failed["reason"]);
        Assert.Equal(["FAILED", "RUNNING"], answer["events"]!.Select(e => (string)e["state"]!));
        Assert.Single((JArray)(await GetJsonAsync($"/api/v1/jobs?openlineage_run_id={runB}"))["items"]!);
    }

    [Fact]
    public async Task Given_a_purged_OpenLineage_job_then_its_events_leave_the_log_too()
    {
        var (name, runId) = ($"purge_{Suffix()}", NewRunId());
        var (_, answer) = await PostAsync(Failed(name, runId, "2026-12-03T14:00:00Z"));

        var (purged, _) = await host.Client.PostAsync($"/api/v1/jobs/{answer["job_uuid"]}/purge", null, AdminKey);

        Assert.Equal(HttpStatusCode.NoContent, purged);
        Assert.Empty((JArray)(await GetJsonAsync($"/api/v1/lineage/events?run_id={runId}"))["items"]!);
    }

    private static string Suffix() => Guid.NewGuid().ToString("N")[..10];

    private async Task<(HttpStatusCode Status, JToken Body)> PostAsync(JObject @event) =>
        await host.Client.PostAsync("/api/v1/lineage", @event.ToString(Formatting.None), AgentKey);

    private async Task<JToken> GetJsonAsync(string path)
    {
        var (status, body) = await host.Client.SendAsync(HttpMethod.Get, path);
        Assert.True(status == HttpStatusCode.OK, $"GET {path}: {(int)status} {body}");
        return body;
    }

    private async Task<JToken> WaitForLineageAsync(string job, Func<JToken, bool> ready)
    {
        JToken lineage = new JObject();
        await Eventually.WaitForAsync(async () =>
        {
            (_, lineage) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{job}?depth=1");
            return lineage["edges"] is JArray && ready(lineage);
        }, TimeSpan.FromSeconds(20), "the run's lineage to be projected");
        return lineage;
    }
}
