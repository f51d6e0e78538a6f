using System.CommandLine;
using System.Text.Json.Nodes;
using Catalog.Cli.Http;
using Catalog.Cli.Output;

namespace Catalog.Cli.Commands;

/// <summary>The admin actions on one job: reset, ready, rerun, delete, undelete, purge, token.</summary>
internal static class AdminCommands
{
    public static readonly Option<string?> Reason = new("--reason") { Description = "Why (kept in the audit log)" };

    private static readonly Argument<string> Id = new("id") { Description = "The job's UUID or the identifier it was created for" };
    private static readonly Option<bool> ClearArchive = new("--clear-archive") { Description = "Also empty the job's archive folder" };

    public static IEnumerable<Command> Build()
    {
        yield return Action("reset", "Reset a job (any state → RESET)", [ClearArchive], (invocation, target) =>
            $"Reset {target.Description}: its state becomes RESET" + (invocation.Value(ClearArchive) ? " and its archive folder is emptied." : "."),
            (invocation, target) => invocation.Client.PostAsync(WithReason(invocation, $"api/v1/jobs/{target.Uuid}/reset"),
                invocation.Value(ClearArchive) ? new JsonObject { ["clear_archive"] = true } : new JsonObject(), invocation.CancellationToken));
        yield return Action("ready", "Make a reset job ready to run again (RESET → CREATED)", [], (_, target) =>
            $"Ready {target.Description}: its state becomes CREATED.",
            (invocation, target) => invocation.Client.PostAsync(WithReason(invocation, $"api/v1/jobs/{target.Uuid}/ready"), new JsonObject(),
                invocation.CancellationToken));
        yield return Action("delete", "Hide a job from every query (undelete restores it)", [], (_, target) =>
            $"Delete (hide) {target.Description}: it disappears from queries until undeleted.",
            (invocation, target) => invocation.Client.SendAsync(HttpMethod.Delete, WithReason(invocation, $"api/v1/jobs/{target.Uuid}"), null,
                invocation.CancellationToken));
        yield return Action("undelete", "Show a hidden job again", [], (_, target) =>
            $"Undelete {target.Description}: it shows in queries again.",
            (invocation, target) => invocation.Client.PostAsync(WithReason(invocation, $"api/v1/jobs/{target.Uuid}/undelete"), null,
                invocation.CancellationToken));
        yield return Action("purge", "Erase a job: its events, documents and edges (an audit record stays)", [], (_, target) =>
            $"PURGE {target.Description}: its events, document, files and lineage are erased for good; only an audit record stays.",
            (invocation, target) => invocation.Client.PostAsync(WithReason(invocation, $"api/v1/jobs/{target.Uuid}/purge"), null,
                invocation.CancellationToken));
        yield return Action("token", "Rotate a job's token and print the new one", [], (_, target) =>
            $"Rotate the token of {target.Description}: the old token stops working at once.",
            (invocation, target) => invocation.Client.PostAsync(WithReason(invocation, $"api/v1/jobs/{target.Uuid}/token"), null,
                invocation.CancellationToken));
    }

    /// <summary>Rerun of one job (reset and ready in one commit), which <see cref="RerunCommand"/> calls when given a job.</summary>
    public static Task<int> RerunOneAsync(Invocation invocation, string id) => RunAsync(invocation, id, "rerun",
        (_, target) => $"Rerun {target.Description}: it is reset and made ready to run again (state CREATED).",
        (invocation, target) => invocation.Client.PostAsync($"api/v1/jobs/{target.Uuid}/rerun",
            invocation.Value(Reason) is { } reason ? new JsonObject { ["reason"] = reason } : new JsonObject(), invocation.CancellationToken));

    private static Command Action(string name, string description, Option[] options, Func<Invocation, AdminTarget, string> what,
        Func<Invocation, AdminTarget, Task<ApiAnswer>> act)
    {
        var command = new Command(name, description + " (admin)") { Id, Reason, Confirmation.Yes };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
        Invocation.Handle(command, invocation => RunAsync(invocation, invocation.Value(Id)!, name, what, act));
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation, string id, string name, Func<Invocation, AdminTarget, string> what,
        Func<Invocation, AdminTarget, Task<ApiAnswer>> act)
    {
        var target = await AdminTarget.FindAsync(invocation, id);
        if (!Confirmation.Ask(invocation, what(invocation, target)))
        {
            return ExitCodes.Usage;
        }
        var answer = await act(invocation, target);
        if (invocation.Json)
        {
            if (answer.Text.Length > 0)
            {
                Screen.Raw(answer.Text);
            }
            return ExitCodes.Ok;
        }
        invocation.Screen.Line(Outcome(name, target, answer));
        return ExitCodes.Ok;
    }

    private static string Outcome(string name, AdminTarget target, ApiAnswer answer) => name switch
    {
        "token" => Json.Text(answer.Body, "token") ?? "",
        "delete" => $"job {target.Uuid} deleted (hidden); 'catalog undelete {target.Uuid}' restores it",
        "purge" => $"job {target.Uuid} purged",
        _ => $"job {target.Uuid}: {name} recorded; state {Json.Text(answer.Body, "state")} (version {Json.Text(answer.Body, "version")})"
            + (Json.Text(answer.Body, "archive_note") is { } note ? $"{Environment.NewLine}archive: {note}"
                : answer.Json?["archive_cleared"]?.GetValue<bool>() == true ? $"{Environment.NewLine}archive folder emptied" : ""),
    };

    private static string WithReason(Invocation invocation, string path) => Route.With(path, ("reason", invocation.Value(Reason)));
}
