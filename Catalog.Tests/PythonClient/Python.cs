using System.Diagnostics;
using Catalog.Tests.Fixtures;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.PythonClient;

/// <summary>Runs Debian's python3 (or a venv's) on the client's scripts, within a time limit, and reads what they print.</summary>
public static class Python
{
    public const string System = "/usr/bin/python3";

    /// <summary>The client's source folder, <c>clients/python</c>.</summary>
    public static string ClientFolder => Path.Combine(Checkout.Root(), "clients", "python");

    /// <summary>A test script of this folder, <c>Catalog.Tests/PythonClient/Scripts/&lt;name&gt;</c>.</summary>
    public static string Script(string name) => Path.Combine(Checkout.Root(), "Catalog.Tests", "PythonClient", "Scripts", name);

    public sealed record Run(int ExitCode, string Output, string Errors)
    {
        public string Describe() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Errors}";

        /// <summary>The last line of the output, read as JSON (the scripts end with one).</summary>
        public JObject LastJson()
        {
            var line = Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
            Assert.True(line is not null && line.StartsWith('{'), $"the script printed no JSON line:\n{Describe()}");
            return JObject.Parse(line);
        }
    }

    public static async Task<Run> RunAsync(string python, IEnumerable<string> arguments, string workingDirectory,
        TimeSpan limit, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(python, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // No user site-packages, no proxies from the environment: the loopback catalog is reached directly.
        info.Environment["PYTHONNOUSERSITE"] = "1";
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        info.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        info.Environment["no_proxy"] = "127.0.0.1,localhost";
        info.Environment.Remove("PYTHONPATH");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await ChildProcess.WaitOrKillAsync(process, limit);
        return new Run(process.ExitCode, await output, await errors);
    }
}
