using System.CommandLine;

namespace Catalog.Cli.Commands;

/// <summary>Admin actions are confirmed by a person at a terminal, or by <c>--yes</c>; never assumed.</summary>
internal static class Confirmation
{
    public static readonly Option<bool> Yes = new("--yes", "-y") { Description = "Do it without asking" };

    /// <summary>True to go on. Without <c>--yes</c> and without a terminal on standard input, refuses (a usage error).</summary>
    public static bool Ask(Invocation invocation, string what)
    {
        if (invocation.Value(Yes))
        {
            return true;
        }
        if (Console.IsInputRedirected)
        {
            throw new UsageException($"not confirmed: {what}{Environment.NewLine}standard input is not a terminal, so nothing was done; pass --yes to confirm");
        }
        Console.Error.WriteLine(what);
        Console.Error.Write("Proceed? [y/N] ");
        var answer = Console.ReadLine()?.Trim();
        if (answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        Console.Error.WriteLine("cancelled; nothing was done");
        return false;
    }
}
