using System.CommandLine;
using System.Text.Json.Nodes;
using Catalog.Cli.Http;
using Catalog.Cli.Output;

namespace Catalog.Cli.Commands;

/// <summary><c>catalog pipelines [ls|show ID]</c>.</summary>
internal static class PipelinesCommand
{
    private static readonly Argument<string> Id = new("id") { Description = "The pipeline's UUID or the id it was registered with" };

    public static Command Build()
    {
        var list = new Command("ls", "List pipelines") { Paging.Limit, Paging.All };
        Invocation.Handle(list, ListAsync);
        var show = new Command("show", "One pipeline") { Id };
        Invocation.Handle(show, ShowAsync);
        var command = new Command("pipelines", "Pipelines: list (the default) or show one") { list, show, Paging.Limit, Paging.All };
        Invocation.Handle(command, ListAsync);
        return command;
    }

    private static Task<int> ListAsync(Invocation invocation) => Pages.ShowAsync(invocation, "api/v1/pipelines",
        invocation.Value(Paging.Limit), invocation.Value(Paging.All), "pipelines", pipelines =>
        {
            var table = Screen.Table("UUID", "ID", "NAME", "DESCRIPTION");
            foreach (var pipeline in pipelines)
            {
                Screen.Row(table, Json.Text(pipeline, "uuid"), Json.Text(pipeline, "id"), Json.Text(pipeline, "name"), Json.Text(pipeline, "description"));
            }
            invocation.Screen.Write(table);
            return Task.CompletedTask;
        });

    private static async Task<int> ShowAsync(Invocation invocation)
    {
        var answer = await invocation.Client.GetAsync($"api/v1/pipelines/{Route.Segment(invocation.Value(Id)!)}", invocation.CancellationToken);
        if (invocation.Json)
        {
            Screen.Raw(answer.Text);
            return ExitCodes.Ok;
        }
        var pipeline = answer.Body;
        invocation.Screen.Fields(
        [
            ("uuid", Json.Text(pipeline, "uuid")),
            ("id", Json.Text(pipeline, "id")),
            ("name", Json.Text(pipeline, "name")),
            ("description", Json.Text(pipeline, "description")),
            ("components", pipeline["components"] is JsonArray { Count: > 0 } components ? components.ToJsonString() : null),
        ]);
        return ExitCodes.Ok;
    }
}
