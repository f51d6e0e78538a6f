using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Catalog.Tests.Fixtures;

namespace Catalog.Tests.Http;

/// <summary>
/// <c>./build/run</c> as a user starts it, with keys and a database password given in the environment: the catalog
/// serves with those keys, and neither the keys nor the password appear anywhere in what the script and the API print.
/// </summary>
[Trait("Category", "Database")]
public sealed class RunScriptTests : IAsyncLifetime
{
    private const string StartedLine = "Application started.";
    private const string SchemaLine = "Schema ready";
    private static readonly TimeSpan _startLimit = TimeSpan.FromMinutes(6);
    private readonly Dictionary<StringBuilder, TaskCompletionSource> _ready = new(ReferenceEqualityComparer.Instance);
    private readonly string _adminKey = $"admin-{Guid.NewGuid():N}";
    private readonly string _agentKey = $"agent-{Guid.NewGuid():N}";
    private readonly string _password = $"password-{Guid.NewGuid():N}";
    private readonly string _storage = Path.Combine(Path.GetTempPath(), $"catalog-run-{Guid.NewGuid():N}");
    private string _database = "";

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateFreshDatabaseAsync("run");

    public async Task DisposeAsync()
    {
        await PostgresDatabase.DropDatabaseAsync(_database);
        if (Directory.Exists(_storage))
        {
            Directory.Delete(_storage, recursive: true);
        }
    }

    [Fact]
    public async Task Given_keys_and_a_password_in_the_environment_when_the_catalog_is_started_with_build_run_then_it_serves_and_never_prints_them()
    {
        var port = Checkout.FreePort();
        var output = new StringBuilder();
        using var run = Start(port, output);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await WaitForHealthAsync(client, run, output);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/projections");
            request.Headers.Authorization = new("Bearer", _adminKey);
            using var admin = await client.SendAsync(request);
            using var refused = await client.GetAsync($"/api/v1/jobs?token={_agentKey}&x=%00");

            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        }
        finally
        {
            await StopAsync(run);
        }

        var printed = output.ToString();
        Assert.Contains("[run] admin keys:       set in the environment (not shown)", printed);
        Assert.DoesNotContain(_adminKey, printed);
        Assert.DoesNotContain(_agentKey, printed);
        Assert.DoesNotContain(_password, printed);
        // Each request is one line of the log, with its route, status and actor.
        Assert.Contains(printed.Split('\n'), line => line.Contains("Catalog.Requests", StringComparison.Ordinal)
            && line.Contains("GET /api/v1/admin/projections 200 ", StringComparison.Ordinal) && line.Contains("actor=admin:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_the_port_taken_when_starting_then_it_names_the_holder_and_exits_non_zero_before_building()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var output = new StringBuilder();

        using var run = Start(port, output);
        await ChildProcess.WaitOrKillAsync(run, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"port {port} is already in use by", Snapshot(output));
        Assert.Contains($"(pid {Environment.ProcessId})", Snapshot(output));
        Assert.DoesNotContain("building", Snapshot(output));
    }

    [Fact]
    public async Task Given_output_piped_when_ctrl_c_reaches_the_whole_group_then_the_api_stops_and_a_second_start_does_not_build()
    {
        var port = Checkout.FreePort();
        var output = new StringBuilder();
        using (var first = Start(port, output, piped: true))
        {
            var group = "-" + first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
                await WaitForHealthAsync(client, first, output);

                // Ctrl-C in a terminal signals the whole foreground group: the script, the API and the pipe's reader.
                using var interrupt = Process.Start("kill", ["-INT", "--", group]);
                await interrupt.WaitForExitAsync();
                await ChildProcess.WaitOrKillAsync(first, TimeSpan.FromSeconds(60));
            }
            finally
            {
                // Whatever failed, nothing of the group outlives the test.
                using var kill = Process.Start("kill", ["-KILL", "--", group]);
                await kill.WaitForExitAsync();
            }
        }
        Assert.False(await ListeningAsync(port), "the API still listens after Ctrl-C");

        var again = new StringBuilder();
        using var second = Start(port, again);
        using var secondClient = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            await WaitForHealthAsync(secondClient, second, again);
        }
        finally
        {
            await StopAsync(second);
        }
        Assert.Contains("is up to date with its sources; not building", Snapshot(again));
    }

    private static async Task<bool> ListeningAsync(int port)
    {
        using var probe = new TcpClient();
        try
        {
            await probe.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // Piped: the script runs in a process group of its own (as a terminal's foreground job) with its output going
    // through `cat`, which a Ctrl-C ends too. SIGINT is set back to its default first: a process started in the
    // background inherits it ignored, and a shell cannot take back a signal ignored when it started.
    private Process Start(int port, StringBuilder output, bool piped = false)
    {
        var script = Path.Combine(Checkout.Root(), "build", "run");
        var info = piped
            ? new ProcessStartInfo("python3", ["-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.setsid(); " +
                "os.execvp('bash', ['bash', '-c', sys.argv[1] + ' 2>&1 | cat'])", $"'{script}'"])
            : new ProcessStartInfo(script);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = Checkout.Root();
        info.Environment["CATALOG_DB"] = $"{_database};Password={_password}";
        info.Environment["CATALOG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["CATALOG_ADMIN_KEYS"] = _adminKey;
        info.Environment["CATALOG_AGENT_KEYS"] = _agentKey;
        info.Environment["CATALOG_STORAGE_ROOT"] = _storage;
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // Ready when the host said it started and the schema is applied (both in its output); then /health must say so.
    private async Task WaitForHealthAsync(HttpClient client, Process run, StringBuilder output)
    {
        var ready = Ready(output).Task;
        var first = await Task.WhenAny(ready, run.WaitForExitAsync()).WaitAsync(_startLimit);
        Assert.True(first == ready, $"build/run exited with {(run.HasExited ? run.ExitCode : 0)}:\n{Snapshot(output)}");
        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    /// <summary>SIGTERM, as a service manager stops it; the script stops the API and exits.</summary>
    private static async Task StopAsync(Process run)
    {
        if (!run.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
        await ChildProcess.WaitOrKillAsync(run, TimeSpan.FromSeconds(60));
    }

    private void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
            var text = output.ToString();
            if (text.Contains(StartedLine, StringComparison.Ordinal) && text.Contains(SchemaLine, StringComparison.Ordinal))
            {
                Ready(output).TrySetResult();
            }
        }
    }

    private TaskCompletionSource Ready(StringBuilder output)
    {
        lock (_ready)
        {
            return _ready.TryGetValue(output, out var ready)
                ? ready
                : _ready[output] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
