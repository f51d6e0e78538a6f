using System.Diagnostics;
using System.Globalization;
using Catalog.ToolKit;

namespace Catalog.Chaos;

/// <summary>
/// The catalog's Release build as a child process, started as build/run starts it (<c>dotnet Catalog.Api.dll --urls
/// ... --contentRoot ...</c> with its settings in the environment). Every start appends to one log file, so the secrets
/// scan at the end sees what every incarnation wrote; the PID goes to a file so build/chaos can stop it if we die.
/// </summary>
internal sealed class CatalogProcess
{
    private readonly Process _process;
    private readonly ChaosOptions _options;

    private CatalogProcess(Process process, ChaosOptions options)
    {
        _process = process;
        _options = options;
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string ExitCodeText() => _process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "running";

    public static CatalogProcess Start(ChaosOptions options)
    {
        // sh execs into dotnet (same PID), so a kill -9 hits the catalog itself and the log survives every restart.
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = options.ContentRoot };
        foreach (var argument in new[]
        {
            "-c", "log=$1; shift; exec \"$@\" >>\"$log\" 2>&1", "sh", options.ApiLog,
            options.Dotnet, options.ApiDll, "--urls", options.ApiUrl, "--contentRoot", options.ContentRoot,
        })
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["CATALOG_DB"] = options.CatalogDb;
        info.Environment["CATALOG_ADMIN_KEYS"] = options.AdminKey;
        info.Environment["CATALOG_AGENT_KEYS"] = options.AgentKey;
        info.Environment["CATALOG_STORAGE_ROOT"] = options.StorageRoot;
        info.Environment.Remove("CATALOG_PUBLIC_URL");
        File.AppendAllText(options.ApiLog, $"{DateTime.UtcNow:HH:mm:ss.fff} [chaos] starting the catalog\n");
        var process = Process.Start(info) ?? throw new InvalidOperationException("the catalog process did not start");
        File.WriteAllText(options.PidFile, process.Id.ToString(CultureInfo.InvariantCulture) + "\n");
        return new CatalogProcess(process, options);
    }

    /// <summary>Polls <c>GET /health</c> until it answers 200; returns how long that took.</summary>
    public async Task<TimeSpan> WaitHealthyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"the catalog exited with code {_process.ExitCode} before answering /health\n{LogTail()}");
            }
            if (await HealthProbe.StatusAsync(http, _options.ApiUrl, cancellationToken) == 200)
            {
                return Stopwatch.GetElapsedTime(started);
            }
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"the catalog did not answer /health within {timeout.TotalSeconds} s\n{LogTail()}");
            }
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>SIGKILL, as the kernel's OOM killer or a pulled plug would end it: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        await _process.WaitForExitAsync();
        File.Delete(_options.PidFile);
    }

    /// <summary>Graceful stop (SIGTERM), then SIGKILL when it takes over 15 s.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            File.Delete(_options.PidFile);
            return;
        }
        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
        }))
        {
            if (term is not null)
            {
                await term.WaitForExitAsync();
            }
        }
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        File.Delete(_options.PidFile);
    }

    /// <summary>The resident set size now, in kB (null once the process is gone).</summary>
    public long? RssKb() => ProcessMemory.Read(Pid)?.RssKb;

    public string LogTail(int lines = 30)
    {
        try
        {
            return string.Join('\n', File.ReadLines(_options.ApiLog).TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }
}
