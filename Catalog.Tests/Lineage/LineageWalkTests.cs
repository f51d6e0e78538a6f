using Catalog.Core.Lineage;

namespace Catalog.Tests.Lineage;

/// <summary>The walk's bookkeeping against an in-memory edge list, the way the queries feed it.</summary>
public sealed class LineageWalkTests
{
    // a → b → c → d (forwards), plus a cycle c → e → c and a diamond a → x → d.
    private static readonly (string From, string To)[] Graph =
        [("a", "b"), ("b", "c"), ("c", "d"), ("c", "e"), ("e", "c"), ("a", "x"), ("x", "d")];

    [Theory]
    [InlineData(1, "a,b,x")]
    [InlineData(2, "a,b,x,c,d")]
    [InlineData(3, "a,b,x,c,d,e")]
    [InlineData(20, "a,b,x,c,d,e")]
    public void Given_upstream_at_each_depth_then_nodes_level_by_level_and_the_cycle_ends(int depth, string expected)
    {
        var walk = Run(new LineageRequest("a", LineageDirection.Upstream, depth, 100));

        Assert.Equal(expected.Split(','), walk.Nodes);
        Assert.False(walk.Truncated);
        Assert.True(walk.Level <= 4);
    }

    [Fact]
    public void Given_both_then_the_union_of_the_two_directed_walks_not_an_undirected_walk()
    {
        var walk = Run(new LineageRequest("c", LineageDirection.Both, 1, 100));

        // Upstream of c: d, e. Downstream of c: b, e. Not x (a sibling through d), not a (two hops).
        Assert.Equal(["c", "b", "d", "e"], walk.Nodes);
    }

    [Fact]
    public void Given_a_node_limit_then_the_first_nodes_in_order_and_truncated()
    {
        var walk = Run(new LineageRequest("a", LineageDirection.Upstream, 5, 4));

        Assert.Equal(["a", "b", "x", "c"], walk.Nodes);
        Assert.True(walk.Truncated);
    }

    [Fact]
    public void Given_a_limit_that_fits_exactly_then_not_truncated()
    {
        var walk = Run(new LineageRequest("a", LineageDirection.Upstream, 5, 6));

        Assert.Equal(6, walk.Nodes.Count);
        Assert.False(walk.Truncated);
    }

    private static LineageWalk Run(LineageRequest request)
    {
        var walk = new LineageWalk(request);
        while (!walk.Finished)
        {
            walk.Advance(
                Next(walk.UpFrontier, walk.UpVisited, forwards: true, walk.FetchLimit(LineageDirection.Upstream)),
                Next(walk.DownFrontier, walk.DownVisited, forwards: false, walk.FetchLimit(LineageDirection.Downstream)));
        }
        return walk;
    }

    // What the level query answers: distinct unvisited neighbours of the frontier, in order, at most limit.
    private static string[] Next(IReadOnlyList<string> frontier, IReadOnlyCollection<string> visited, bool forwards, int limit) =>
        Graph.Where(e => frontier.Contains(forwards ? e.From : e.To))
            .Select(e => forwards ? e.To : e.From)
            .Where(n => !visited.Contains(n))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .Take(limit)
            .ToArray();
}
