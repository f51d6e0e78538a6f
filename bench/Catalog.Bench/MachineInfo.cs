using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;

namespace Catalog.Bench;

/// <summary>What the figures were measured on; the load average matters as much as the hardware on a shared machine.</summary>
internal sealed record MachineInfo(int Cores, double MemoryGiB, string CpuModel, string Kernel, string PostgresVersion,
    string DotnetVersion, string LoadAverage, string SharedBuffers)
{
    public static async Task<MachineInfo> ReadAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        string postgres;
        string buffers;
        try
        {
            await using var connection = new NpgsqlConnection(options.BaselineDb);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SHOW server_version", connection);
            postgres = (string?)await command.ExecuteScalarAsync(cancellationToken) ?? "?";
            await using var show = new NpgsqlCommand("SHOW shared_buffers", connection);
            buffers = (string?)await show.ExecuteScalarAsync(cancellationToken) ?? "?";
        }
        catch (NpgsqlException ex)
        {
            postgres = $"unknown ({ex.Message})";
            buffers = "unknown";
        }
        if (HugePagesInUse() > 0)
        {
            buffers += " in huge pages";
        }
        var memoryKb = ReadField("/proc/meminfo", "MemTotal:") is { } total
            ? double.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture)
            : 0;
        return new MachineInfo(
            Environment.ProcessorCount,
            Math.Round(memoryKb / 1024 / 1024, 1),
            ReadField("/proc/cpuinfo", "model name") is { } model ? model.TrimStart(':', ' ', '\t') : RuntimeInformation.ProcessArchitecture.ToString(),
            ReadFirstLine("/proc/sys/kernel/osrelease") ?? RuntimeInformation.OSDescription,
            postgres,
            Environment.Version.ToString(),
            LoadNow(),
            buffers);
    }

    /// <summary>The 1, 5 and 15 minute load averages, e.g. "3.10 2.50 2.01".</summary>
    public static string LoadNow() =>
        ReadFirstLine("/proc/loadavg") is { } line ? string.Join(' ', line.Split(' ').Take(3)) : "unknown";

    private static string? ReadField(string path, string prefix)
    {
        try
        {
            return File.ReadLines(path).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..].Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? ReadFirstLine(string path)
    {
        try
        {
            return File.ReadLines(path).FirstOrDefault()?.Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    // Reserved or mapped 2 MB pages: the cluster is the only user of huge pages the bench knows of.
    private static long HugePagesInUse()
    {
        long Field(string name) => ReadField("/proc/meminfo", name) is { } value
            && long.TryParse(value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture, out var n) ? n : 0;
        return Field("HugePages_Total:") - Field("HugePages_Free:") + Field("HugePages_Rsvd:");
    }
}
