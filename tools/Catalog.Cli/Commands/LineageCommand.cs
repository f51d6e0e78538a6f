using System.CommandLine;
using System.Globalization;
using Catalog.Cli.Http;
using Catalog.Cli.Output;

namespace Catalog.Cli.Commands;

/// <summary><c>catalog lineage ID [--up|--down] [--depth N] [--as-of TIME] [--format F]</c>: the lineage graph as a tree, or an export.</summary>
internal static class LineageCommand
{
    private static readonly Argument<string> Id = new("id")
    {
        Description = "Any typed UUID (job, file, measurement, ...), canonical identifier or file id",
    };

    private static readonly Option<bool> Up = new("--up") { Description = "Only upstream: what it came from" };
    private static readonly Option<bool> Down = new("--down") { Description = "Only downstream: what came from it" };

    private static readonly Option<int?> Depth = new("--depth")
    {
        Description = "How many edges to follow (1-20; default 3)",
        Validators = { result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 or > 20)
            {
                result.AddError("--depth must be between 1 and 20");
            }
        } },
    };

    private static readonly Option<string?> AsOf = new("--as-of") { Description = "The graph as recorded at this ISO 8601 time" };

    private static readonly Option<string?> Format = new Option<string?>("--format")
    {
        Description = "Print the catalog's export as is instead of a tree",
    }.AcceptOnlyFromAmong("prov-json", "prov-o", "dot", "mermaid");

    public static Command Build()
    {
        var command = new Command("lineage", "Where something came from and what came of it, as a tree") { Id, Up, Down, Depth, AsOf, Format };
        command.Validators.Add(result =>
        {
            if (result.GetValue(Up) && result.GetValue(Down))
            {
                result.AddError("--up and --down exclude each other (give neither for both directions)");
            }
        });
        Invocation.Handle(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var direction = invocation.Value(Up) ? "upstream" : invocation.Value(Down) ? "downstream" : "both";
        var format = invocation.Value(Format);
        var path = Route.With($"api/v1/lineage/{Route.Segment(invocation.Value(Id)!)}", ("direction", direction),
            ("depth", invocation.Value(Depth)?.ToString(CultureInfo.InvariantCulture)), ("as_of", invocation.Value(AsOf)), ("format", format));
        var answer = await invocation.Client.GetAsync(path, invocation.CancellationToken);
        if (invocation.Json || format is not null)
        {
            Screen.Raw(answer.Text);
            return ExitCodes.Ok;
        }
        var graph = answer.Body;
        invocation.Screen.Write(LineageTree.Draw(graph, direction));
        if (graph["truncated"]?.GetValue<bool>() == true)
        {
            Screen.Note("the catalog cut this answer at its node limit; ask with a smaller --depth or from a nearer node");
        }
        return ExitCodes.Ok;
    }
}
