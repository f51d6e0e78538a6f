namespace Catalog.Core.Projections;

/// <summary>
/// One projection's checkpoint as stored in <c>es.projections</c>, next to the log head. A projection whose row does
/// not exist yet (its runner never started) is reported as running at position 0 with no <see cref="UpdatedAt"/>.
/// While it rebuilds, <see cref="Position"/> is where its live tables are (readers keep using them) and
/// <see cref="RebuildPosition"/> where the fresh tables are, which are swapped in once they reach the head.
/// </summary>
public sealed record ProjectionStatus(
    string Name,
    long Position,
    long Head,
    string Status,
    long? RebuildTarget,
    string? LastError,
    long? ErrorPosition,
    DateTimeOffset? UpdatedAt,
    long? RebuildPosition = null)
{
    public const string Running = "running";
    public const string Rebuilding = "rebuilding";
    public const string Faulted = "faulted";
    public const string Paused = "paused";

    /// <summary>Events committed to the log but not yet applied to the tables readers use.</summary>
    public long Lag => Math.Max(0, Head - Position);

    /// <summary>How far a rebuild has come towards the head it started at (0–100); null when not rebuilding.</summary>
    public double? RebuildPercent => Status != Rebuilding
        ? null
        : RebuildTarget is > 0 ? Math.Min(100.0, Math.Round(100.0 * (RebuildPosition ?? 0) / RebuildTarget.Value, 1)) : 100.0;
}
