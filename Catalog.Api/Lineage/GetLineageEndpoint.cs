using Catalog.Api.Operations;
using Catalog.Api.Queries;
using Catalog.Core.Jobs;
using Catalog.Core.Lineage;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Lineage;

public static class GetLineageEndpoint
{
    public static Task<(NodeReference?, Results<UnprocessableProblem, NotFoundProblem, ConflictProblem>?)> LoadAsync(string uuid,
        CatalogDatabase database, CancellationToken cancellationToken) =>
        RouteNodes.NodeAsync(uuid, database, cancellationToken);

    /// <summary>
    /// The lineage around a node (any typed UUID, a canonical identifier or a file id): <c>direction</c> upstream, downstream or
    /// both (default), <c>depth</c> 1..20 hops (default 3), <c>limit</c> 1..10000 nodes (default 1000).
    /// </summary>
    [WolverineGet("/api/v1/lineage/{uuid}", OperationId = "getLineage")]
    [Tags("Lineage and files")]
    [EndpointSummary("Lineage graph around a node")]
    [EndpointDescription("Walks provenance edges from any typed UUID (job, pipeline, experiment, sample, measurement, file, reference), canonical identifier (`measurement.tacc.0x1A2B`) or file id (`file.tacc.<hashid>`; 409 when several indexed files have it). Upstream follows edges forwards (a file to the job that generated it, a job to its measurements), downstream backwards, both is the union of the two walks; 404 for a node the catalog does not know. `format=prov-json` (W3C PROV-JSON: jobs and groups as activities, pipelines as software agents, files and the rest as entities; generation, usage with the catalog's role, association, derivation, communication), `prov-o` (PROV-O in Turtle, `text/turtle`), `dot` (Graphviz) and `mermaid` give the same answer in those forms. `as_of` (an ISO 8601 time) answers the graph as the catalog had recorded it then: the edges stated by events committed by that time, of jobs not hidden then (nor now); purged jobs stay gone. Open to read.")]
    [ReadsQuery("direction", "depth", "limit", "format", "as_of", Meaning = QueryDocs.Lineage)]
    public static async Task<Results<FormattedOk<LineageGraphShape>, UnprocessableProblem, NotFoundProblem>> Get(NodeReference node, HttpRequest request,
        CatalogDatabase database, CancellationToken cancellationToken)
    {
        var query = request.Query;
        var (lineage, errors) = LineageRequest.Parse(node.Value, query["direction"], query["depth"], query["limit"]);
        if (!LineageFormats.TryParse(query["format"], out var format))
        {
            errors = [.. errors, $"format must be json, prov-json, prov-o, dot or mermaid, not '{RequestText.Clip(query["format"].ToString())}'."];
        }
        var (asOfTime, asOfError) = QueryParameters.AsOf(query["as_of"]);
        if (asOfError is not null)
        {
            errors = [.. errors, asOfError];
        }
        if (lineage is null || errors.Count > 0)
        {
            return QueryAccess.Invalid(errors);
        }
        var queries = new LineageQueries(database.DataSource);
        var asOf = await LineageAnswers.AsOfAsync(database, asOfTime, cancellationToken);
        var graph = await queries.TraverseAsync(lineage.Root, lineage.Direction, lineage.Depth, lineage.NodeLimit, cancellationToken, asOf);
        // A node with edges is known; only a lone node needs the question asked (one round trip less for the rest).
        if (graph.Edges.Count == 0 && !await queries.IsKnownAsync(lineage.Root, cancellationToken))
        {
            return Problems.NotFound($"No node {lineage.Root} is known to the catalog (no job, file, pipeline, group or edge has it).");
        }
        var body = format switch
        {
            LineageFormat.ProvJson => LineageFormats.ProvJson(graph).ToString(Newtonsoft.Json.Formatting.None),
            LineageFormat.ProvO => LineageFormats.ProvO(graph),
            LineageFormat.Dot => LineageFormats.Dot(graph),
            LineageFormat.Mermaid => LineageFormats.Mermaid(graph),
            _ => graph.ToJsonText(asOf is null ? null : JobEventJson.FormatTime(asOf.Time)),
        };
        return new FormattedOk<LineageGraphShape>(body, LineageFormats.MediaType(format));
    }
}
