namespace Catalog.Core.Indexing;

/// <summary>What an index request records: archive files (with a processing level) or products (with derivations).</summary>
public enum IndexRequestKind
{
    Archive,
    Product,
}
