using System.CommandLine;
using System.Text.Json.Nodes;
using Catalog.Cli.Http;
using Catalog.Cli.Output;

namespace Catalog.Cli.Commands;

/// <summary><c>catalog groups [ls|show ID]</c>.</summary>
internal static class GroupsCommand
{
    private static readonly Argument<string> Id = new("id") { Description = "The group's UUID (prefix 112)" };

    public static Command Build()
    {
        var list = new Command("ls", "List groups") { Paging.Limit, Paging.All };
        Invocation.Handle(list, ListAsync);
        var show = new Command("show", "One group with its members") { Id };
        Invocation.Handle(show, ShowAsync);
        var command = new Command("groups", "Groups of jobs: list (the default) or show one") { list, show, Paging.Limit, Paging.All };
        Invocation.Handle(command, ListAsync);
        return command;
    }

    private static Task<int> ListAsync(Invocation invocation) => Pages.ShowAsync(invocation, "api/v1/groups",
        invocation.Value(Paging.Limit), invocation.Value(Paging.All), "groups", groups =>
        {
            var table = Screen.Table("UUID", "NAME", "KIND", "OWNER", "STATE", "MEMBERS", "UPDATED");
            foreach (var group in groups)
            {
                Screen.Row(table, Json.Text(group, "uuid"), Json.Text(group, "name"), Json.Text(group, "kind"), Json.Text(group, "owner"),
                    Json.Text(group, "state"), Json.Text(group, "member_count"), Json.Time(group, "updated"));
            }
            invocation.Screen.Write(table);
            return Task.CompletedTask;
        });

    private static async Task<int> ShowAsync(Invocation invocation)
    {
        var answer = await invocation.Client.GetAsync($"api/v1/groups/{Route.Segment(invocation.Value(Id)!)}", invocation.CancellationToken);
        if (invocation.Json)
        {
            Screen.Raw(answer.Text);
            return ExitCodes.Ok;
        }
        var group = answer.Body;
        invocation.Screen.Fields(
        [
            ("uuid", Json.Text(group, "uuid")),
            ("name", Json.Text(group, "name")),
            ("kind", Json.Text(group, "kind")),
            ("owner", Json.Text(group, "owner")),
            ("state", Json.Text(group, "state")),
            ("counts", (group["counts"] as JsonObject)?.Select(c => $"{c.Key} {Json.Show(c.Value)}") is { } counts ? string.Join(", ", counts) : null),
            ("created", Json.Time(group, "created")),
            ("updated", Json.Time(group, "updated")),
        ]);
        var members = Screen.Table("#", "UUID", "STATE", "PIPELINE", "UPDATED");
        var names = new PipelineNames(invocation.Client);
        foreach (var member in Json.Array(group, "members"))
        {
            Screen.Row(members, Json.Text(member, "position"), Json.Text(member, "uuid"), Json.Text(member, "state"),
                await names.NameAsync(Json.Text(member, "pipeline_uuid"), invocation.CancellationToken), Json.Time(member, "updated"));
        }
        invocation.Screen.Write(members);
        return ExitCodes.Ok;
    }
}
