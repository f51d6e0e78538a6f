using Catalog.Core.Lineage;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;

namespace Catalog.Api.Queries;

/// <summary>What each query parameter a route reads (<see cref="ReadsQueryAttribute"/>) means, for the OpenAPI document.</summary>
public static class QueryDocs
{
    public const string Lineage = "lineage";

    private static readonly Dictionary<string, ParameterDoc> Parameters = new[]
    {
        new ParameterDoc("limit", ParameterSource.Query, $"Page size, 1 to {PageRequest.MaxLimit}.")
        {
            Type = "integer", Minimum = 1, Maximum = PageRequest.MaxLimit, Default = $"{PageRequest.DefaultLimit}",
        },
        new ParameterDoc("after", ParameterSource.Query, "The opaque `next` cursor of the previous page, unchanged."),
        new ParameterDoc("include_deleted", ParameterSource.Query,
            "`true` to include jobs hidden by an admin; needs an admin key (401 without one, 403 with an agent key).")
        {
            Type = "boolean", Default = "false",
        },
        new ParameterDoc("state", ParameterSource.Query, "Only jobs in this state (any case).") { Shape = typeof(JobStateShape) },
        ParameterDoc.TypedUuid("pipeline_uuid", ParameterSource.Query, "106", "Only jobs of this pipeline (prefix 106).",
            "10631951-75c6-5bd9-8320-8edb88bd3a34"),
        new ParameterDoc("child_of", ParameterSource.Query,
            "Only children of this parent: a typed UUID or a canonical identifier such as `measurement.tacc.0xDEADBEEF`.")
        {
            Example = "measurement.tacc.0xDEADBEEF",
        },
        new ParameterDoc("updated_after", ParameterSource.Query, "Only jobs updated strictly after this ISO 8601 time (UTC when no offset).")
        {
            Format = "date-time", Example = "2026-11-24T01:02:03.456Z",
        },
        new ParameterDoc("tag", ParameterSource.Query, "Only jobs carrying this tag; repeat it for jobs carrying every one given.")
        {
            Example = "calibration",
        },
        new ParameterDoc("label", ParameterSource.Query, "Only jobs whose label `key` has this value, given as `key:value`; repeatable (all must hold).")
        {
            Example = "lab:tacc",
        },
        new ParameterDoc("owner", ParameterSource.Query, "Only jobs of this owner (as given at creation).") { Example = "jdoe" },
        new ParameterDoc("as_of", ParameterSource.Query,
            "Answer as the catalog had recorded it at this ISO 8601 time (UTC when it has no offset): the events committed by then.")
            { Example = "2026-12-03T10:00:00Z" },
        new ParameterDoc("run_id", ParameterSource.Query, "Only the events of this OpenLineage run (its `run.runId`, a UUID).")
            { Example = "ea041791-68bc-4ae1-bd89-4c8106a157e4" },
        new ParameterDoc("namespace", ParameterSource.Query, "Only the events of jobs or datasets in this OpenLineage namespace.")
            { Example = "airflow-prod" },
        new ParameterDoc("name", ParameterSource.Query, "Only the events of the OpenLineage job or dataset of this name.")
            { Example = "fcs_qc.gate_cells" },
        new ParameterDoc("openlineage_run_id", ParameterSource.Query,
            "Only the job an OpenLineage run was recorded as (its `run.runId`, a UUID; POST /api/v1/lineage).")
            { Example = "ea041791-68bc-4ae1-bd89-4c8106a157e4" },
        new ParameterDoc("reason", ParameterSource.Query,
            "Why the admin acts (at most 1,024 characters), kept with the action's record in the audit log (GET /api/v1/admin/audit).")
            { Example = "wrong input file" },
        new ParameterDoc("group", ParameterSource.Query, "Only members of this group (a group UUID, prefix 112); anything else is a 422.")
            { Example = "1125e0a7-3c1d-5f7e-8a8b-5d0f3b1c2e4a" },
        new ParameterDoc("stale_after", ParameterSource.Query,
            "Only jobs in an active state (CREATED, RUNNING, INDEXING, VALIDATING) with no event for this many seconds: runs that went quiet.")
        {
            Type = "integer", Minimum = 1, Example = "3600",
        },
        ParameterDoc.TypedUuid("job_uuid", ParameterSource.Query, "107", "Only records of this job (prefix 107).",
            "10776b2c-37b1-5b65-9b2a-d686d198a0fe"),
        new ParameterDoc("q", ParameterSource.Query,
            $"What to search for (1 to {SearchRequest.MaxLength} characters): words, an identifier, a path or a fragment of one; "
            + "`\"quoted words\"`, `or` and `-word` as in web searches.")
        {
            MaxLength = SearchRequest.MaxLength, Example = "measurement.tacc.0x1A2B",
        },
        new ParameterDoc("type", ParameterSource.Query, "Only hits of this kind; all kinds when absent.")
        {
            Enum = SearchRequest.AllTypes,
        },
    }.ToDictionary(p => p.Name, StringComparer.Ordinal);

    private static readonly Dictionary<string, ParameterDoc> LineageParameters = new[]
    {
        new ParameterDoc("direction", ParameterSource.Query, "Which way to walk (any case).")
        {
            Enum = ["upstream", "downstream", "both"], Default = "both",
        },
        new ParameterDoc("depth", ParameterSource.Query, "Hops to walk.")
        {
            Type = "integer", Minimum = 1, Maximum = LineageRequest.MaxDepth, Default = $"{LineageRequest.DefaultDepth}",
        },
        new ParameterDoc("limit", ParameterSource.Query, "At most this many nodes (then `truncated` is true).")
        {
            Type = "integer", Minimum = 1, Maximum = LineageRequest.MaxNodeLimit, Default = $"{LineageRequest.DefaultNodeLimit}",
        },
        new ParameterDoc("format", ParameterSource.Query, "The answer's form: the catalog's JSON, W3C PROV-JSON, PROV-O (Turtle), Graphviz DOT or Mermaid.")
        {
            Enum = ["json", "prov-json", "prov-o", "dot", "mermaid"], Default = "json",
        },
    }.ToDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>The documented parameters of a route; a name without a description here fails the document's build.</summary>
    public static IEnumerable<ParameterDoc> For(ReadsQueryAttribute reads) => reads.Names.Select(name =>
        (reads.Meaning == Lineage && LineageParameters.TryGetValue(name, out var lineage) ? lineage : null)
        ?? (Parameters.TryGetValue(name, out var parameter) ? parameter
            : throw new InvalidOperationException($"The query parameter '{name}' has no description in {nameof(QueryDocs)}.")));
}
