using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Catalog.Cli.Http;
using Catalog.Cli.Output;

namespace Catalog.Cli.Commands;

/// <summary><c>catalog jobs ls|show|events|outputs</c>.</summary>
internal static class JobsCommand
{
    private static readonly Option<string?> State = new("--state") { Description = "Only jobs in this state (FAILED, RUNNING, ...)" };
    private static readonly Option<string?> Pipeline = new("--pipeline") { Description = "Only jobs of this pipeline (UUID or registered id)" };
    private static readonly Option<string[]> Tag = new("--tag") { Description = "Only jobs carrying this tag (repeat: all must hold)" };
    private static readonly Option<string?> Owner = new("--owner") { Description = "Only jobs of this owner" };
    private static readonly Option<string?> Group = new("--group") { Description = "Only members of this group (UUID, prefix 112)" };
    private static readonly Option<int?> Stale = new("--stale") { Description = "Only active jobs with no event for this many seconds" };
    private static readonly Argument<string> Id = new("id") { Description = "The job's UUID or the identifier it was created for (measurement.tacc.0x...)" };

    public static Command Build()
    {
        var list = new Command("ls", "List jobs, newest first") { State, Pipeline, Tag, Owner, Group, Stale, Paging.Limit, Paging.All };
        Invocation.Handle(list, ListAsync);
        var show = new Command("show", "A job: its document and its history") { Id };
        Invocation.Handle(show, ShowAsync);
        var events = new Command("events", "A job's event stream") { Id };
        Invocation.Handle(events, EventsAsync);
        var outputs = new Command("outputs", "What a job produced (its files and other outputs)") { Id };
        Invocation.Handle(outputs, OutputsAsync);
        return new Command("jobs", "Jobs: list, show, events, outputs") { list, show, events, outputs };
    }

    private static async Task<int> ListAsync(Invocation invocation)
    {
        var pipeline = await PipelineNames.ResolveAsync(invocation.Client, invocation.Value(Pipeline), invocation.CancellationToken);
        var query = new List<(string, string?)>
        {
            ("state", invocation.Value(State)?.ToUpperInvariant()),
            ("pipeline_uuid", pipeline),
            ("owner", invocation.Value(Owner)),
            ("group", invocation.Value(Group)),
            ("stale_after", invocation.Value(Stale)?.ToString(CultureInfo.InvariantCulture)),
        };
        query.AddRange((invocation.Value(Tag) ?? []).Select(t => ("tag", (string?)t)));
        var names = new PipelineNames(invocation.Client);
        return await Pages.ShowAsync(invocation, Route.With("api/v1/jobs", [.. query]), invocation.Value(Paging.Limit),
            invocation.Value(Paging.All), "jobs", async jobs =>
            {
                var table = Screen.Table("UUID", "STATE", "PIPELINE", "FOR", "OWNER", "TAGS", "UPDATED");
                foreach (var job in jobs)
                {
                    Screen.Row(table, Json.Text(job, "uuid"), Json.Text(job, "state"),
                        await names.NameAsync(Json.Text(job, "pipeline_uuid"), invocation.CancellationToken),
                        Identifiers(job), Json.Text(job, "owner"), Json.Text(job, "tags"), Json.Time(job, "updated"));
                }
                invocation.Screen.Write(table);
            });
    }

    private static async Task<int> ShowAsync(Invocation invocation)
    {
        var answer = await invocation.Client.GetAsync($"api/v1/jobs/{Route.Segment(invocation.Value(Id)!)}", invocation.CancellationToken);
        if (invocation.Json)
        {
            Screen.Raw(answer.Text);
            return ExitCodes.Ok;
        }
        var job = answer.Body;
        var pipeline = await new PipelineNames(invocation.Client).NameAsync(Json.Text(job, "pipeline_uuid"), invocation.CancellationToken);
        invocation.Screen.Fields(
        [
            ("uuid", Json.Text(job, "uuid")),
            ("state", Json.Text(job, "state") + (job["blocked"]?.GetValue<bool>() == true ? $" (blocked: {Json.Text(job, "blocked_reason")})" : "")),
            ("last event", Json.Text(job, "last_event")),
            ("pipeline", $"{pipeline} [{Json.Text(job, "pipeline_uuid")}]"),
            ("for", Identifiers(job)),
            ("child of", Json.Text(job, "child_of")),
            ("archive", Json.Text(job, "archive_system") is { } system ? $"{system}:{Json.Text(job, "archive_path")}" : Json.Text(job, "archive_path")),
            ("owner", Json.Text(job, "owner")),
            ("group", Json.Text(job, "group")),
            ("tags", Json.Text(job, "tags")),
            ("labels", (job["labels"] as JsonObject)?.Select(l => $"{l.Key}:{Json.Show(l.Value)}") is { } labels ? string.Join(", ", labels) : null),
            ("notes", Json.Text(job, "notes")),
            ("created", Json.Time(job, "created")),
            ("updated", Json.Time(job, "updated")),
            ("version", Json.Text(job, "version")),
            ("deleted", job["deleted"]?.GetValue<bool>() == true ? "yes (hidden)" : null),
            ("data", job["data"] is JsonObject { Count: > 0 } data ? data.ToJsonString() : null),
        ]);
        var history = Screen.Table("DATE", "EVENT", "DATA");
        foreach (var entry in (job["history"] as JsonArray ?? []).Where(e => e is not null))
        {
            Screen.Row(history, Json.Time(entry, "date"), Json.Text(entry, "name"), entry!["data"] is JsonObject { Count: > 0 } recorded ? Screen.Clip(recorded.ToJsonString()) : "");
        }
        invocation.Screen.Line("");
        invocation.Screen.Line("history");
        invocation.Screen.Write(history);
        return ExitCodes.Ok;
    }

    private static async Task<int> EventsAsync(Invocation invocation)
    {
        var answer = await invocation.Client.GetAsync($"api/v1/jobs/{Route.Segment(invocation.Value(Id)!)}/events", invocation.CancellationToken);
        if (invocation.Json)
        {
            Screen.Raw(answer.Text);
            return ExitCodes.Ok;
        }
        var table = Screen.Table("VERSION", "POSITION", "EVENT", "DATE", "ACTOR", "DATA");
        foreach (var stored in Json.Items(answer.Body))
        {
            var actor = stored["actor"] is JsonObject who ? $"{Json.Text(who, "kind")}:{Json.Text(who, "name")}" : Json.Text(stored, "actor");
            Screen.Row(table, Json.Text(stored, "version"), Json.Text(stored, "position"), Json.Text(stored, "name"), Json.Time(stored, "date"), actor,
                stored["data"] is JsonObject { Count: > 0 } data ? Screen.Clip(data.ToJsonString()) : "");
        }
        invocation.Screen.Write(table);
        return ExitCodes.Ok;
    }

    private static async Task<int> OutputsAsync(Invocation invocation)
    {
        var answer = await invocation.Client.GetAsync($"api/v1/jobs/{Route.Segment(invocation.Value(Id)!)}/outputs", invocation.CancellationToken);
        if (invocation.Json)
        {
            Screen.Raw(answer.Text);
            return ExitCodes.Ok;
        }
        var items = Json.Items(answer.Body).ToList();
        if (items.Count == 0)
        {
            Screen.Note("no outputs recorded");
            return ExitCodes.Ok;
        }
        var table = Screen.Table("UUID", "TYPE", "LABEL", "STORAGE");
        foreach (var node in items)
        {
            Screen.Row(table, Json.Text(node, "uuid"), Json.Text(node, "type"), Json.Text(node, "label"), Json.Text(node, "storage_system"));
        }
        invocation.Screen.Write(table);
        return ExitCodes.Ok;
    }

    /// <summary>The canonical identifiers the job was created for (its document's <c>names</c>).</summary>
    private static string? Identifiers(JsonNode job) =>
        job["names"] is JsonObject { Count: > 0 } names ? string.Join(", ", names.Select(n => Json.Show(n.Value))) : null;
}
