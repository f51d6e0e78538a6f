namespace Catalog.Tests.PythonClient;

/// <summary>
/// The client installed as a user installs it, offline: a copy of <c>clients/python</c> in a temporary folder, a venv of
/// Debian's python3 that sees the system's setuptools and wheel (<c>--system-site-packages</c>), and
/// <c>pip install --no-build-isolation --no-index</c>. Deleted afterwards.
/// </summary>
public sealed class InstalledClient : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"catalog-python-{Guid.NewGuid():N}");

    /// <summary>The venv's python, which imports the installed <c>catalog_client</c>.</summary>
    public string Python => Path.Combine(_folder, "venv", "bin", "python");

    /// <summary>A folder outside the repository to run scripts in (so the source tree is not on the path).</summary>
    public string WorkFolder => Path.Combine(_folder, "work");

    public string VenvFolder => Path.Combine(_folder, "venv");

    public async Task InitializeAsync()
    {
        var source = Path.Combine(_folder, "src");
        CopySource(PythonClient.Python.ClientFolder, source);
        Directory.CreateDirectory(WorkFolder);
        var venv = await PythonClient.Python.RunAsync(PythonClient.Python.System, ["-m", "venv", "--system-site-packages", VenvFolder],
            _folder, TimeSpan.FromMinutes(2));
        Assert.True(venv.ExitCode == 0, $"python3 -m venv failed (is python3-venv installed?):\n{venv.Describe()}");
        var pip = await PythonClient.Python.RunAsync(Path.Combine(VenvFolder, "bin", "pip"),
            ["install", "--no-build-isolation", "--no-index", "--disable-pip-version-check", source], _folder, TimeSpan.FromMinutes(3));
        Assert.True(pip.ExitCode == 0, $"pip install of the client failed:\n{pip.Describe()}");
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
        return Task.CompletedTask;
    }

    private static void CopySource(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Any(p => p is "build" or "__pycache__" || p.EndsWith(".egg-info", StringComparison.Ordinal)))
            {
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }
}
