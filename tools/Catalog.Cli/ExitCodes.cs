namespace Catalog.Cli;

/// <summary>What the process exit code tells a script.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int ApiError = 1;
    public const int Usage = 2;
    public const int Unreachable = 3;
    public const int Interrupted = 130;
}
