namespace Catalog.Core.Indexing;

/// <summary>What the requests that matched one file say about it: its level and what it was derived from and with.</summary>
public sealed record FileMatch(string? Level, IReadOnlyList<string> DerivedFrom, IReadOnlyList<string> DerivedUsing);
