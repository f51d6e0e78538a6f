using Catalog.Core.Identifiers;
using Catalog.Core.Queries;

namespace Catalog.Tests.Queries;

public sealed class QueryParametersTests
{
    private const string Pipeline = "106c46ff-8186-5756-a934-071f4497b58d";

    [Fact]
    public void Given_no_parameters_when_job_list_then_no_filters_first_page_of_100_without_hidden_jobs()
    {
        var (filter, errors) = JobList();

        Assert.Empty(errors);
        Assert.Equal(new JobListFilter(), filter);
        Assert.Equal(100, filter!.Page.Limit);
        Assert.Null(filter.Page.After);
        Assert.False(filter.IncludeDeleted);
    }

    [Fact]
    public void Given_every_filter_when_job_list_then_normalised_values()
    {
        var (filter, errors) = JobList(state: "running", pipelineUuid: Pipeline.ToUpperInvariant(), childOf: "measurement.tacc.0xDEADBEEF",
            updatedAfter: "2026-11-24T01:02:03.456+01:00", includeDeleted: "TRUE", limit: "1000");

        Assert.Empty(errors);
        Assert.Equal("RUNNING", filter!.State);
        Assert.Equal(Pipeline, filter.PipelineUuid);
        Assert.Equal(TypedUuid.Create(UuidType.Measurement, "measurement.tacc.0xDEADBEEF"), filter.ChildOf);
        Assert.Equal(new DateTime(2026, 11, 24, 0, 2, 3, 456, DateTimeKind.Utc), filter.UpdatedAfter);
        Assert.Equal(DateTimeKind.Utc, filter.UpdatedAfter!.Value.Kind);
        Assert.True(filter.IncludeDeleted);
        Assert.Equal(1000, filter.Page.Limit);
    }

    [Theory]
    [InlineData("CREATED")]
    [InlineData("finalized")]
    [InlineData("Reset")]
    public void Given_a_state_in_any_case_when_job_list_then_the_stored_form(string state)
    {
        var (filter, _) = JobList(state: state);

        Assert.Equal(state.ToUpperInvariant(), filter!.State);
    }

    [Fact]
    public void Given_a_typed_uuid_as_child_of_when_job_list_then_taken_as_is()
    {
        var (filter, _) = JobList(childOf: "102E95E6-67A8-5A06-9484-3131C6907890");

        Assert.Equal("102e95e6-67a8-5a06-9484-3131c6907890", filter!.ChildOf);
    }

    [Theory]
    [InlineData("2026-11-24", "2026-11-24T00:00:00.000Z")]
    [InlineData("2026-11-24T01:02", "2026-11-24T01:02:00.000Z")]
    [InlineData("2026-11-24T01:02:03Z", "2026-11-24T01:02:03.000Z")]
    [InlineData("2026-11-24T01:02:03.456789", "2026-11-24T01:02:03.456Z")]
    [InlineData("2026-11-24T03:02:03.456 02:00", "2026-11-24T01:02:03.456Z")]
    public void Given_iso_times_when_job_list_then_utc(string text, string expected)
    {
        var (filter, errors) = JobList(updatedAfter: text);

        Assert.Empty(errors);
        Assert.Equal(expected, Catalog.Core.Jobs.JobEventJson.FormatTime(filter!.UpdatedAfter!.Value));
    }

    [Theory]
    [InlineData("state", "bogus", "CREATED, RUNNING, FAILED, FINISHED, INDEXING, VALIDATING, VALIDATED, REJECTED, FINALIZED, RETIRED, RESET")]
    [InlineData("state", "run", "state must be one of")]
    [InlineData("pipeline_uuid", "not-a-uuid", "pipeline_uuid")]
    [InlineData("pipeline_uuid", "107a90b7-f083-5167-a63d-41a3bf278bf8", "106")]
    [InlineData("child_of", "86753095", "child_of")]
    [InlineData("child_of", "104zzzzz-0000-0000-0000-000000000000", "child_of")]
    [InlineData("updated_after", "yesterday", "updated_after")]
    [InlineData("updated_after", "2026-13-01", "updated_after")]
    [InlineData("updated_after", "24/11/2026", "updated_after")]
    [InlineData("include_deleted", "yes", "include_deleted")]
    [InlineData("limit", "0", "limit")]
    [InlineData("limit", "1001", "limit")]
    [InlineData("limit", "-5", "limit")]
    [InlineData("limit", "ten", "limit")]
    [InlineData("limit", "99999999999", "limit")]
    [InlineData("after", "!!!", "after")]
    [InlineData("after", "bm90IGEgY3Vyc29y", "after")]
    public void Given_one_bad_parameter_when_job_list_then_one_error_naming_it(string name, string value, string mentions)
    {
        var (filter, errors) = name switch
        {
            "state" => JobList(state: value),
            "pipeline_uuid" => JobList(pipelineUuid: value),
            "child_of" => JobList(childOf: value),
            "updated_after" => JobList(updatedAfter: value),
            "include_deleted" => JobList(includeDeleted: value),
            "limit" => JobList(limit: value),
            _ => JobList(after: value),
        };

        Assert.Null(filter);
        Assert.Contains(mentions, Assert.Single(errors));
    }

    [Fact]
    public void Given_several_bad_parameters_when_job_list_then_every_one_is_reported()
    {
        var (filter, errors) = JobList(state: "x", pipelineUuid: "y", childOf: "z", updatedAfter: "w", includeDeleted: "v", limit: "0", after: "u");

        Assert.Null(filter);
        Assert.Equal(7, errors.Count);
    }

    [Fact]
    public void Given_blank_values_when_job_list_then_they_count_as_absent()
    {
        var (filter, errors) = JobList(state: "", pipelineUuid: " ", childOf: "", updatedAfter: "", includeDeleted: "", limit: "", after: "");

        Assert.Empty(errors);
        Assert.Equal(new JobListFilter(), filter);
    }

    [Fact]
    public void Given_a_cursor_of_this_list_when_read_then_the_same_position()
    {
        var cursor = PageCursor.At(JobQueries.List, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234560), "107a90b7-f083-5167-a63d-41a3bf278bf8");

        var (filter, errors) = JobList(after: cursor.Encode());

        Assert.Empty(errors);
        Assert.Equal(cursor, filter!.Page.After);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234560), filter.Page.After!.Time);
    }

    [Fact]
    public void Given_a_cursor_of_another_list_when_read_then_refused()
    {
        var pipelines = PageCursor.At(PipelineQueries.List, DateTime.UtcNow, Pipeline).Encode();
        var audit = new PageCursor(AuditQueries.List, 7, "").Encode();

        Assert.NotEmpty(JobList(after: pipelines).Errors);
        Assert.NotEmpty(JobList(after: audit).Errors);
        Assert.NotEmpty(QueryParameters.Audit(null, null, pipelines).Errors);
        Assert.Equal(7, QueryParameters.Audit(null, null, audit).Page!.After!.Position);
    }

    [Theory]
    [InlineData("jobs|x|107a90b7-f083-5167-a63d-41a3bf278bf8")]
    [InlineData("jobs|1|")]
    [InlineData("jobs|1")]
    [InlineData("jobs|999999999999999999|k")]
    [InlineData("audit|1|k")]
    public void Given_a_forged_cursor_when_read_then_refused(string plain)
    {
        var token = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(plain));
        var list = plain.StartsWith("audit", StringComparison.Ordinal) ? AuditQueries.List : JobQueries.List;

        Assert.False(PageCursor.TryDecode(token, list, timed: list == JobQueries.List, out _));
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("1077A959-7163-516A-8FC1-DD11BD958190", "5", "1077a959-7163-516a-8fc1-dd11bd958190")]
    public void Given_valid_audit_parameters_then_normalised(string? jobUuid, string? limit, string? expected)
    {
        var (job, page, errors) = QueryParameters.Audit(jobUuid, limit, null);

        Assert.Empty(errors);
        Assert.Equal(expected, job);
        Assert.Equal(limit is null ? 100 : 5, page!.Limit);
    }

    [Theory]
    [InlineData("106c46ff-8186-5756-a934-071f4497b58d", null)]
    [InlineData("nope", "2000")]
    public void Given_bad_audit_parameters_then_refused(string jobUuid, string? limit)
    {
        var (_, page, errors) = QueryParameters.Audit(jobUuid, limit, null);

        Assert.Null(page);
        Assert.Equal(limit is null ? 1 : 2, errors.Count);
    }

    private static (JobListFilter? Filter, IReadOnlyList<string> Errors) JobList(string? state = null, string? pipelineUuid = null,
        string? childOf = null, string? updatedAfter = null, string? includeDeleted = null, string? limit = null, string? after = null) =>
        QueryParameters.JobList(state, pipelineUuid, childOf, updatedAfter, includeDeleted, limit, after);
}
