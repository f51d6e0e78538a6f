using System.Diagnostics;

namespace Catalog.Bench;

/// <summary>
/// Queries <c>GET /api/v1/lineage/{uuid}?direction=&amp;depth=</c> from random roots (45 % jobs, 45 % files, 10 %
/// measurements) at depth 1, 3 and 10, upstream and downstream, one query at a time, with the route's default node
/// limit. Each case draws its own roots, so a case does not run on pages the previous one just read.
/// </summary>
internal static class LineageBench
{
    public static readonly int[] Depths = [1, 3, 10];
    public static readonly string[] Directions = ["upstream", "downstream"];

    /// <summary>
    /// False when the route is not mapped (yet): ASP.NET answers an unmapped path with an empty 404 or a 405, while the
    /// route itself answers a problem document even when it has nothing to say.
    /// </summary>
    public static async Task<bool> RouteExistsAsync(CatalogClient client, SyntheticGraph graph, CancellationToken cancellationToken)
    {
        var (status, length) = await client.ProbeAsync($"/api/v1/lineage/{graph.Job(0)}?direction=upstream&depth=1", cancellationToken);
        return !(status == 405 || (status == 404 && length == 0));
    }

    public static async Task<IReadOnlyList<LineageCase>> RunAsync(CatalogClient client, SyntheticGraph graph, int samples, int seed,
        CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        // Warm-up: JIT, the connection pool and the catalog's plan caches; not measured.
        foreach (var root in Roots(graph, random, 20))
        {
            await client.LineageAsync(root, "upstream", 3, cancellationToken);
            await client.LineageAsync(root, "downstream", 3, cancellationToken);
        }
        var cases = new List<LineageCase>();
        foreach (var depth in Depths)
        {
            foreach (var direction in Directions)
            {
                cases.Add(await CaseAsync(client, graph, random, samples, depth, direction, null, cancellationToken));
            }
        }
        // As of now: the same walk through the as-of query, beside the live one at depth 3.
        var asOf = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var direction in Directions)
        {
            cases.Add(await CaseAsync(client, graph, random, samples, 3, direction, asOf, cancellationToken));
        }
        return cases;
    }

    private static async Task<LineageCase> CaseAsync(CatalogClient client, SyntheticGraph graph, Random random, int samples, int depth,
        string direction, string? asOf, CancellationToken cancellationToken)
    {
        var histogram = Latency.Create();
        var truncatedHistogram = Latency.Create();
        long nodes = 0;
        int truncated = 0, errors = 0;
        foreach (var root in Roots(graph, random, samples))
        {
            var started = Stopwatch.GetTimestamp();
            var answer = await client.LineageAsync(root, direction, depth, cancellationToken, asOf);
            var ended = Stopwatch.GetTimestamp();
            if (answer.Status != 200)
            {
                errors++;
                continue;
            }
            Latency.Record(histogram, started, ended);
            nodes += answer.Nodes;
            if (answer.Truncated)
            {
                truncated++;
                Latency.Record(truncatedHistogram, started, ended);
            }
        }
        var answered = (int)histogram.TotalCount;
        return new LineageCase(depth, direction, answered, Latency.Ms(histogram, 50), Latency.Ms(histogram, 99),
            Latency.MaxMs(histogram), answered == 0 ? 0 : nodes / (double)answered, truncated, Latency.Ms(truncatedHistogram, 50), errors, asOf is not null);
    }

    private static IEnumerable<string> Roots(SyntheticGraph graph, Random random, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(100);
            yield return pick switch
            {
                < 45 => graph.Job(random.NextInt64(graph.Jobs)),
                < 90 => graph.File(random.NextInt64((long)graph.Jobs * SyntheticGraph.FilesPerJob)),
                _ => graph.Measurement(random.Next(graph.Measurements)),
            };
        }
    }
}
