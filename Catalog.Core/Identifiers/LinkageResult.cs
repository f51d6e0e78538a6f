namespace Catalog.Core.Identifiers;

/// <summary>The outcome of resolving a job's child_of linkage: the sorted UUID list, or why it could not be resolved.</summary>
public abstract record LinkageResult
{
    private LinkageResult()
    {
    }

    /// <summary>De-duplicated UUIDs in ascending ordinal order (possibly empty).</summary>
    public sealed record Resolved(IReadOnlyList<string> ChildOf) : LinkageResult;

    /// <summary>A message naming the offending identifier or types, fit to return to the caller.</summary>
    public sealed record Rejected(string Error) : LinkageResult;
}
