using System.Runtime.InteropServices;
using Npgsql;

namespace Catalog.Chaos;

/// <summary>Where the figures were taken: cores, CPU model, memory, PostgreSQL and .NET versions.</summary>
internal static class MachineInfo
{
    public static async Task<string> DescribeAsync(string connectionString, CancellationToken cancellationToken)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memoryKb = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]
            : null;
        var memory = long.TryParse(memoryKb, out var kb) ? $"{kb / 1024.0 / 1024.0:0.0} GiB" : "unknown memory";
        string postgres;
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SHOW server_version", connection);
            postgres = "PostgreSQL " + (string?)await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (NpgsqlException)
        {
            postgres = "PostgreSQL (version unknown)";
        }
        return $"{Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {memory}, {postgres}, {RuntimeInformation.FrameworkDescription}";
    }
}
