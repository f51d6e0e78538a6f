namespace Catalog.Bench;

/// <summary>CPU seconds consumed so far by each party, and by the whole machine, at one instant.</summary>
internal sealed record CpuSnapshot(long Timestamp, double? Catalog, double? Postgres, double Self, double MachineBusy, double MachineTotal);
