using System.Diagnostics;
using System.Globalization;
using Catalog.ToolKit;

namespace Catalog.Bench;

/// <summary>
/// The catalog's Release build as a child process, started exactly as build/bench describes (<c>dotnet
/// Catalog.Api.dll --urls ...</c> with its settings in the environment, output appended to a log file). The tool starts
/// it itself rather than build/bench, so the start-up clock begins at the real process start; its PID goes to a file
/// so build/bench can still stop it if this tool dies.
/// </summary>
internal sealed class CatalogProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly long _startedAt;
    private readonly BenchOptions _options;
    private bool _disposed;

    private CatalogProcess(Process process, long startedAt, BenchOptions options)
    {
        _process = process;
        _startedAt = startedAt;
        _options = options;
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Milliseconds since the process was started.</summary>
    public double ElapsedMs => Stopwatch.GetElapsedTime(_startedAt).TotalMilliseconds;

    public static CatalogProcess Start(BenchOptions options)
    {
        // sh execs into dotnet (same PID), so the redirection costs nothing once the host runs and the log survives us.
        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = options.ContentRoot,
        };
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
        // Timestamps in the log show where start-up time goes; the line below marks the process start.
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        info.Environment["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true";
        File.AppendAllText(options.ApiLog, $"{DateTime.UtcNow:HH:mm:ss.fff} [bench] starting the catalog\n");
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException("the catalog process did not start");
        File.WriteAllText(options.PidFile, process.Id.ToString(CultureInfo.InvariantCulture) + "\n");
        return new CatalogProcess(process, startedAt, options);
    }

    /// <summary>Polls <c>GET /health</c> every 10 ms; returns the milliseconds from process start to the first 200.</summary>
    public async Task<double> WaitHealthyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"the catalog exited with code {_process.ExitCode} before answering /health; log: {_options.ApiLog}\n{LogTail()}");
            }
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(2));
                using var response = await http.GetAsync($"{_options.ApiUrl}/health", attempt.Token);
                if (response.IsSuccessStatusCode)
                {
                    return ElapsedMs;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening but slow to answer: ask again.
            }
            if (ElapsedMs > timeout.TotalMilliseconds)
            {
                throw new TimeoutException($"the catalog did not answer /health within {timeout.TotalSeconds} s; log: {_options.ApiLog}\n{LogTail()}");
            }
            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>The resident set size now and its high-water mark, in kB (null once the process is gone).</summary>
    public (long RssKb, long HwmKb)? Memory() => ProcessMemory.Read(Pid);

    /// <summary>Graceful stop (SIGTERM, as a service manager would), then a kill when it takes over 15 s.</summary>
    public async Task StopAsync()
    {
        if (_disposed || _process.HasExited)
        {
            return;
        }
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
            });
            if (kill is not null)
            {
                await kill.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        finally
        {
            File.Delete(_options.PidFile);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        try
        {
            await StopAsync();
        }
        finally
        {
            _disposed = true;
            _process.Dispose();
        }
    }

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
