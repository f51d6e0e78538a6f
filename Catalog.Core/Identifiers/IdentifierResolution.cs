namespace Catalog.Core.Identifiers;

/// <summary>The outcome of resolving one typed UUID or canonical identifier.</summary>
public abstract record IdentifierResolution
{
    private IdentifierResolution()
    {
    }

    /// <summary>The lower-case dashed UUID and its type.</summary>
    public sealed record Resolved(string Uuid, UuidType Type) : IdentifierResolution;

    /// <summary>A message naming the identifier and what is wrong with it.</summary>
    public sealed record Rejected(string Error) : IdentifierResolution;
}
