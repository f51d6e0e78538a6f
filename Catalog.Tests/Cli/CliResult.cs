namespace Catalog.Tests.Cli;

/// <summary>What a run of the command line left: its exit code and both outputs.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}{System.Environment.NewLine}stdout:{System.Environment.NewLine}{Stdout}stderr:{System.Environment.NewLine}{Stderr}";
}
