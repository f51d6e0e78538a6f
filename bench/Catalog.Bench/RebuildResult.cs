namespace Catalog.Bench;

/// <summary>A projection rebuild: the events replayed (positions 1..target) and how long it took.</summary>
internal sealed record RebuildResult(string Projection, long Events, double Seconds)
{
    public double EventsPerSecond => Seconds > 0 ? Events / Seconds : 0;
}
