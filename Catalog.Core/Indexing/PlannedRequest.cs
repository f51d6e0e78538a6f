namespace Catalog.Core.Indexing;

/// <summary>An index request ready to run: its compiled patterns and its classified derived references.</summary>
public sealed record PlannedRequest(
    IndexRequest Request,
    FilePatterns Patterns,
    IReadOnlyList<DerivedReference> DerivedFrom,
    IReadOnlyList<DerivedReference> DerivedUsing);
