namespace Catalog.Bench;

/// <summary>What one lineage query answered: the HTTP status and the size of the graph.</summary>
internal sealed record LineageAnswer(int Status, int Nodes, int Edges, bool Truncated);
