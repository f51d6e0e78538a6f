namespace Catalog.Bench;

/// <summary>
/// CPU used between two snapshots, in cores (CPU seconds per wall second). "Other" is everything on the machine that
/// is neither the catalog, PostgreSQL nor this tool: on a shared machine it says how noisy the figures are.
/// </summary>
internal sealed record CpuUsage(double WallSeconds, double? CatalogSeconds, double? PostgresSeconds, double SelfSeconds,
    double OtherCores, double IdleCores)
{
    public double? CatalogCores => CatalogSeconds / WallSeconds;
    public double? PostgresCores => PostgresSeconds / WallSeconds;
    public double SelfCores => SelfSeconds / WallSeconds;

    public static CpuUsage Between(CpuSnapshot start, CpuSnapshot end)
    {
        var wall = Math.Max(1e-9, (end.Timestamp - start.Timestamp) / (double)System.Diagnostics.Stopwatch.Frequency);
        var catalog = end.Catalog - start.Catalog;
        var postgres = end.Postgres - start.Postgres;
        var self = end.Self - start.Self;
        // /proc/stat sums every core, so its busy and idle seconds per wall second are cores.
        var busy = end.MachineBusy - start.MachineBusy;
        var idle = end.MachineTotal - start.MachineTotal - busy;
        var other = Math.Max(0, busy - (catalog ?? 0) - (postgres ?? 0) - self) / wall;
        idle = Math.Max(0, idle) / wall;
        return new CpuUsage(wall, catalog, postgres, self, other, idle);
    }
}
