using System.Diagnostics;
using System.Globalization;

namespace Catalog.Bench;

/// <summary>
/// Reads CPU time from /proc: the catalog process, the PostgreSQL cluster (the postmaster, its live children, and the
/// children it has already reaped, which Linux adds to its cutime/cstime), this tool (with pgbench once reaped) and the
/// whole machine. Used to
/// turn throughput into CPU cost per request, which stays meaningful when the machine is shared.
/// </summary>
internal static class CpuMeter
{
    // USER_HZ: the unit of /proc/<pid>/stat times, 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static CpuSnapshot Snapshot(int? catalogPid, string? postgresDataDir)
    {
        var (busy, total) = Machine();
        return new CpuSnapshot(
            Stopwatch.GetTimestamp(),
            catalogPid is { } pid ? Process(pid, withReapedChildren: false) : null,
            postgresDataDir is null ? null : Postgres(postgresDataDir),
            // With reaped children: pgbench, once it has exited, counts as this tool's client work.
            Process(Environment.ProcessId, withReapedChildren: true) ?? 0,
            busy,
            total);
    }

    private static double? Postgres(string dataDir)
    {
        try
        {
            var postmaster = int.Parse(File.ReadLines(Path.Combine(dataDir, "postmaster.pid")).First().Trim(), CultureInfo.InvariantCulture);
            var total = Process(postmaster, withReapedChildren: true);
            if (total is null)
            {
                return null;
            }
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    && Fields(pid) is { } fields && fields[1] == postmaster.ToString(CultureInfo.InvariantCulture))
                {
                    total += Seconds(fields, withReapedChildren: false);
                }
            }
            return total;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static double? Process(int pid, bool withReapedChildren) =>
        Fields(pid) is { } fields ? Seconds(fields, withReapedChildren) : null;

    // Fields after "pid (comm) ", so index 0 is field 3 (state), 1 is the parent PID, 11/12 utime/stime, 13/14 cutime/cstime.
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var close = stat.LastIndexOf(')');
            return close < 0 ? null : stat[(close + 2)..].Split(' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static double Seconds(string[] fields, bool withReapedChildren)
    {
        var ticks = Ticks(fields[11]) + Ticks(fields[12]);
        if (withReapedChildren)
        {
            ticks += Ticks(fields[13]) + Ticks(fields[14]);
        }
        return ticks / TicksPerSecond;
    }

    private static long Ticks(string field) => long.Parse(field, CultureInfo.InvariantCulture);

    /// <summary>Busy and total CPU seconds of the whole machine (all cores), from the first line of /proc/stat.</summary>
    private static (double Busy, double Total) Machine()
    {
        try
        {
            var values = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal (guest time is already inside user).
            var idle = values[3] + values[4];
            var total = values.Take(8).Sum();
            return ((total - idle) / TicksPerSecond, total / TicksPerSecond);
        }
        catch (Exception ex) when (ex is IOException or FormatException or IndexOutOfRangeException)
        {
            return (0, 0);
        }
    }
}
