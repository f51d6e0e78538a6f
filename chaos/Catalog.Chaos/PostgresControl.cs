using System.Diagnostics;
using System.Globalization;

namespace Catalog.Chaos;

/// <summary>
/// Stops and starts the throwaway cluster through build/pg.sh, which runs pg_ctl as the unprivileged PostgreSQL user:
/// a fast stop (the way an operator or a failover takes it down: sessions are terminated) and pg_start on the same port.
/// </summary>
internal sealed class PostgresControl(ChaosOptions options)
{
    public Task StopFastAsync() => RunAsync("""source "$1"; PG_BIN="$2"; pg_as_user "$PG_BIN/pg_ctl" -D "$3" -m fast -w -t 60 stop >/dev/null""");

    public Task StartAsync() => RunAsync("""source "$1"; PG_BIN="$2"; pg_start "$3" "$4" """);

    private async Task RunAsync(string script)
    {
        var info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", script, "pg", options.PgSh, options.PgBin, options.PgData,
            options.PgPort.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start");
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl failed (exit code {process.ExitCode}): {errors}");
        }
    }
}
