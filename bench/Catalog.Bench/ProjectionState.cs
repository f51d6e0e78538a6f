namespace Catalog.Bench;

/// <summary>One item of <c>GET /api/v1/admin/projections</c>.</summary>
internal sealed record ProjectionState(string Name, string Status, long Position, long Head, long? RebuildTarget);
