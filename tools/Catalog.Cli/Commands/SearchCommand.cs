using System.CommandLine;
using Catalog.Cli.Http;
using Catalog.Cli.Output;

namespace Catalog.Cli.Commands;

/// <summary><c>catalog search TEXT [--type job|file|pipeline|dataset]</c>.</summary>
internal static class SearchCommand
{
    private static readonly Argument<string> Text = new("text") { Description = "What to look for: an identifier, a fragment of a name, a tag, ..." };

    private static readonly Option<string?> Type = new Option<string?>("--type") { Description = "Only hits of this kind" }
        .AcceptOnlyFromAmong("job", "file", "pipeline", "dataset");

    public static Command Build()
    {
        var command = new Command("search", "Search jobs, files, pipelines and datasets") { Text, Type, Paging.Limit, Paging.All };
        Invocation.Handle(command, invocation => Pages.ShowAsync(invocation,
            Route.With("api/v1/search", ("q", invocation.Value(Text)), ("type", invocation.Value(Type))),
            invocation.Value(Paging.Limit), invocation.Value(Paging.All), "hits", hits =>
            {
                var table = Screen.Table("TYPE", "UUID", "LABEL", "MATCHED", "SCORE");
                foreach (var hit in hits)
                {
                    Screen.Row(table, Json.Text(hit, "type"), Json.Text(hit, "uuid"), Json.Text(hit, "label"), Json.Text(hit, "matched"),
                        Json.Text(hit, "score"));
                }
                invocation.Screen.Write(table);
                return Task.CompletedTask;
            }));
        return command;
    }
}
