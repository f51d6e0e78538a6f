using System.CommandLine;
using Catalog.Cli.Commands;

namespace Catalog.Cli;

/// <summary>The <c>catalog</c> command: its commands, and the exit code 2 with the parser's message for a command line it cannot read.</summary>
internal static class CatalogCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("The Catalog's command line: jobs, lineage, search and admin actions over a running catalog's HTTP API.");
        GlobalOptions.AddTo(root);
        root.Subcommands.Add(JobsCommand.Build());
        root.Subcommands.Add(LineageCommand.Build());
        root.Subcommands.Add(SearchCommand.Build());
        root.Subcommands.Add(PipelinesCommand.Build());
        root.Subcommands.Add(GroupsCommand.Build());
        root.Subcommands.Add(PreviewCommand.Build());
        foreach (var admin in AdminCommands.Build())
        {
            root.Subcommands.Add(admin);
        }
        root.Subcommands.Add(RerunCommand.Build());
        root.Subcommands.Add(RebuildCommand.Build());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }
            await Console.Error.WriteLineAsync($"see '{CommandPath(parse.CommandResult)} --help'");
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var path = "";
        for (var at = result; at is not null && at.Command is not RootCommand; at = at.Parent as System.CommandLine.Parsing.CommandResult)
        {
            path = " " + at.Command.Name + path;
        }
        return "catalog" + path;
    }
}
