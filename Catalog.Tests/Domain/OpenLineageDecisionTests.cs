using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Catalog.Core.Lineage;
using Catalog.Core.OpenLineage;
using Newtonsoft.Json.Linq;
using static Catalog.Tests.Domain.Scenarios;

namespace Catalog.Tests.Domain;

/// <summary>The pure side of OpenLineage ingest: the events a run event decides, its report's fold and edges, datasets, secrets.</summary>
public sealed class OpenLineageDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(JobStatus.Created, "START", "run", "RUNNING")]
    [InlineData(JobStatus.Created, "RUNNING", "run", "RUNNING")]
    [InlineData(JobStatus.Created, "COMPLETE", "run finish", "FINISHED")]
    [InlineData(JobStatus.Created, "FAIL", "run fail", "FAILED")]
    [InlineData(JobStatus.Created, "ABORT", "cancel", "CANCELLED")]
    [InlineData(JobStatus.Created, "OTHER", "", "CREATED")]
    [InlineData(JobStatus.Running, "START", "", "RUNNING")]
    [InlineData(JobStatus.Running, "RUNNING", "update", "RUNNING")]
    [InlineData(JobStatus.Running, "OTHER", "update", "RUNNING")]
    [InlineData(JobStatus.Running, "COMPLETE", "finish", "FINISHED")]
    [InlineData(JobStatus.Running, "FAIL", "fail", "FAILED")]
    [InlineData(JobStatus.Running, "ABORT", "cancel", "CANCELLED")]
    public void Given_a_waiting_or_running_job_when_a_run_event_arrives_then_it_moves_through_the_events_it_implies_and_reports(
        JobStatus from, string eventType, string events, string to)
    {
        var decision = JobDecider.Decide(JobIn(from), Lineage(eventType), Now);

        Assert.False(decision.IsRejected);
        Assert.Equal(events.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            decision.Events.OfType<JobEvent.Progressed>().Select(e => e.Name.Wire()));
        var reported = Assert.IsType<JobEvent.LineageReported>(decision.Events[^1]);
        Assert.Equal(eventType, reported.Report.EventType);
        var state = decision.Events.Aggregate(JobIn(from), JobState.Evolve);
        Assert.Equal(to, state.Status.Wire());
        Assert.Equal(eventType, state.OpenLineage!.EventType);
    }

    [Theory]
    [InlineData(JobStatus.Finished, "START")]
    [InlineData(JobStatus.Finished, "RUNNING")]
    [InlineData(JobStatus.Finished, "COMPLETE")]
    [InlineData(JobStatus.Failed, "COMPLETE")]
    [InlineData(JobStatus.Cancelled, "START")]
    [InlineData(JobStatus.Reset, "OTHER")]
    public void Given_a_run_that_is_over_when_a_late_event_arrives_then_nothing_is_decided(JobStatus from, string eventType)
    {
        var decision = JobDecider.Decide(JobIn(from), Lineage(eventType), Now);

        Assert.False(decision.IsRejected);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Given_a_finished_run_when_OTHER_adds_metadata_then_only_its_report_is_recorded()
    {
        var decision = JobDecider.Decide(FinishedJob(), Lineage("OTHER"), Now);

        Assert.IsType<JobEvent.LineageReported>(Assert.Single(decision.Events));
    }

    [Fact]
    public void Given_a_hidden_job_when_a_run_event_arrives_then_it_is_refused_as_for_any_event()
    {
        var hidden = Apply(RunningJob(), new JobCommand.Hide("admin"));

        Assert.Equal(RejectionKind.UnknownJob, JobDecider.Decide(hidden, Lineage("COMPLETE"), Now).Rejection!.Kind);
    }

    [Fact]
    public void Given_two_reports_when_folded_then_facets_merge_by_name_and_datasets_by_uuid()
    {
        var first = Report("START") with
        {
            RunFacets = new JObject { ["a"] = 1, ["b"] = 1 },
            Inputs = [new OpenLineageDataset("113-x", "ns", "in", new JObject { ["schema"] = 1 })],
        };
        var second = Report("COMPLETE") with
        {
            RunFacets = new JObject { ["b"] = 2 },
            Inputs = [new OpenLineageDataset("113-x", "ns", "in", new JObject { ["stats"] = 2 }), new OpenLineageDataset("113-y", "ns", "in2", [])],
        };

        var merged = OpenLineageReport.Merge(first, second);

        Assert.Equal("COMPLETE", merged.EventType);
        Assert.Equal(new JObject { ["a"] = 1, ["b"] = 2 }.ToString(), merged.RunFacets.ToString());
        Assert.Equal(["113-x", "113-y"], merged.Inputs.Select(d => d.Uuid));
        Assert.Equal(new JObject { ["schema"] = 1, ["stats"] = 2 }.ToString(), merged.Inputs[0].Facets.ToString());
        Assert.Equal(merged.ToJson().ToString(), OpenLineageReport.Of(merged.ToJson()).ToJson().ToString());
    }

    [Fact]
    public void Given_a_report_then_the_run_acted_on_its_inputs_and_generated_its_outputs()
    {
        var report = Report("COMPLETE") with
        {
            Inputs = [new OpenLineageDataset("105-in", "agave://data-sd2e-community", "/in", [])],
            Outputs = [new OpenLineageDataset("113-out", "ns", "out", []), new OpenLineageDataset("113-out", "ns", "out", [])],
        };

        var edges = JobLineage.EdgesOf(new JobEvent.LineageReported(report) { At = Now }, "107-job");

        Assert.Equal(["107-job acted_on 105-in", "113-out generated_by 107-job"], edges.Select(e => $"{e.From} {e.Relation} {e.To}"));
    }

    [Theory]
    [InlineData("agave://data-sd2e-community", "/uploads/tacc/example/345.txt", "105fb204-530b-5915-9fd6-caf88ca9ad8a")]
    [InlineData("data-sd2e-community", "uploads/tacc/example/345.txt", "105fb204-530b-5915-9fd6-caf88ca9ad8a")]
    public void Given_a_dataset_in_a_storage_system_of_the_catalog_then_it_is_the_file_at_its_path(string ns, string name, string file)
    {
        Assert.Equal(file, OpenLineageMapping.DatasetUuid(ns, name, system => system == "data-sd2e-community"));
    }

    [Fact]
    public void Given_a_dataset_elsewhere_then_it_is_a_dataset_node_of_its_namespace_and_name()
    {
        var uuid = OpenLineageMapping.DatasetUuid("postgres://db:5432", "lab.marts.means", _ => false);

        Assert.Equal(UuidType.Dataset, UuidType.ClassifyCatalog(uuid));
        Assert.Equal(uuid, OpenLineageMapping.DatasetUuid("postgres://db:5432", "lab.marts.means", _ => false));
        Assert.NotEqual(uuid, OpenLineageMapping.DatasetUuid("postgres://db:5432", "lab.marts.medians", _ => false));
        Assert.Null(UuidType.Classify(uuid));
    }

    [Theory]
    [InlineData("environmentVariables", """{"environmentVariables":[{"name":"HOME","value":"/root"}]}""", true)]
    [InlineData("spark_properties", """{"properties":{"spark.hadoop.fs.s3a.secret.key":"x"}}""", true)]
    [InlineData("datasource", """{"uri":"postgres://lab:hunter2@db:5432/lab"}""", true)]
    [InlineData("airflow", """{"dag":{"dag_id":"qc","connection":{"password":"x"}}}""", true)]
    [InlineData("datasource", """{"uri":"postgres://db:5432/lab","name":"lab"}""", false)]
    [InlineData("errorMessage", """{"message":"division by zero","programmingLanguage":"python"}""", false)]
    [InlineData("columnLineage", """{"fields":{"a":{"inputFields":[{"namespace":"n","name":"t","field":"b"}]}}}""", false)]
    public void Given_a_facet_then_it_is_for_admins_only_when_it_may_carry_environment_or_credentials(string name, string facet, bool sensitive)
    {
        Assert.Equal(sensitive, OpenLineageRedaction.IsSensitive(name, JObject.Parse(facet)));
    }

    private static JobCommand.ApplyLineage Lineage(string eventType) => new(Report(eventType), "fingerprint");

    private static OpenLineageReport Report(string eventType) => new()
    {
        Namespace = "ns",
        Name = "job",
        RunId = "ea041791-68bc-4ae1-bd89-4c8106a157e4",
        EventType = eventType,
        EventTime = Now,
        Producer = "https://example.org/producer",
    };
}
