namespace Catalog.Core.Queries;

/// <summary>Which page of a list to read: at most <see cref="Limit"/> items after <see cref="After"/> (null: the first page).</summary>
public sealed record PageRequest(int Limit, PageCursor? After)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static PageRequest First { get; } = new(DefaultLimit, null);
}
