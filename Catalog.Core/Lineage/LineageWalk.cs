namespace Catalog.Core.Lineage;

/// <summary>
/// The bookkeeping of a breadth-first lineage walk, apart from the queries that feed it. Each direction has its own
/// visited set, so a cycle ends and, when both directions are asked, a node reached downstream is still walked
/// upstream only if it was reached upstream. The walk stops at its depth, when no frontier is left, or at the node
/// limit (then <see cref="Truncated"/>).
/// </summary>
public sealed class LineageWalk
{
    private readonly LineageRequest _request;
    private readonly List<string> _order;
    private readonly HashSet<string> _nodes;
    private readonly HashSet<string> _upVisited;
    private readonly HashSet<string> _downVisited;
    private string[] _upFrontier;
    private string[] _downFrontier;

    public LineageWalk(LineageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _request = request;
        _order = [request.Root];
        _nodes = new HashSet<string>(_order, StringComparer.Ordinal);
        _upVisited = new HashSet<string>(_order, StringComparer.Ordinal);
        _downVisited = new HashSet<string>(_order, StringComparer.Ordinal);
        _upFrontier = request.Direction == LineageDirection.Downstream ? [] : _order.ToArray();
        _downFrontier = request.Direction == LineageDirection.Upstream ? [] : _order.ToArray();
    }

    /// <summary>The nodes reached: the root, then each level in ordinal order.</summary>
    public IReadOnlyList<string> Nodes => _order;

    public int Level { get; private set; }

    public bool Truncated { get; private set; }

    public bool Finished => Truncated || Level >= _request.Depth || (_upFrontier.Length == 0 && _downFrontier.Length == 0);

    /// <summary>The nodes whose upstream neighbours the next level asks for.</summary>
    public IReadOnlyList<string> UpFrontier => _upFrontier;

    public IReadOnlyList<string> DownFrontier => _downFrontier;

    /// <summary>The nodes the upstream query must leave out (already walked upstream).</summary>
    public IReadOnlyCollection<string> UpVisited => _upVisited;

    public IReadOnlyCollection<string> DownVisited => _downVisited;

    /// <summary>
    /// How many neighbours to ask for in one direction: room for every node still allowed plus those already reached
    /// the other way, and one more. A query that fills it has certainly found more nodes than the limit allows.
    /// </summary>
    public int FetchLimit(LineageDirection direction) =>
        _request.NodeLimit - _order.Count + 1 + (direction == LineageDirection.Upstream
            ? _order.Count - _upVisited.Count
            : _order.Count - _downVisited.Count);

    /// <summary>
    /// Takes one level: per direction, the neighbours of its frontier not yet visited that way, at most
    /// <see cref="FetchLimit"/> of them.
    /// </summary>
    public void Advance(IReadOnlyCollection<string> upNeighbours, IReadOnlyCollection<string> downNeighbours)
    {
        ArgumentNullException.ThrowIfNull(upNeighbours);
        ArgumentNullException.ThrowIfNull(downNeighbours);
        var room = _request.NodeLimit - _order.Count;
        var fresh = upNeighbours.Concat(downNeighbours).Where(n => !_nodes.Contains(n)).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        var cut = upNeighbours.Count >= FetchLimit(LineageDirection.Upstream)
            || downNeighbours.Count >= FetchLimit(LineageDirection.Downstream);
        if (cut || fresh.Count > room)
        {
            Truncated = true;
            fresh = fresh.Take(room).ToList();
        }
        _order.AddRange(fresh);
        _nodes.UnionWith(fresh);
        _upFrontier = Visit(upNeighbours, _upVisited);
        _downFrontier = Visit(downNeighbours, _downVisited);
        Level++;
    }

    private string[] Visit(IReadOnlyCollection<string> neighbours, HashSet<string> visited) =>
        neighbours.Where(n => _nodes.Contains(n) && visited.Add(n)).Order(StringComparer.Ordinal).ToArray();
}
