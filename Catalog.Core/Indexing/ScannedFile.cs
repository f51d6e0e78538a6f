namespace Catalog.Core.Indexing;

/// <summary>A file found in a job's archive folder: its catalog path (<c>/products/v2/…/a.txt</c>) and where it is on disk.</summary>
public sealed record ScannedFile(string CatalogPath, string FullPath);
