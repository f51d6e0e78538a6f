using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Catalog.Cli.Http;
using Catalog.Cli.Output;

namespace Catalog.Cli.Commands;

/// <summary>
/// <c>catalog rerun ID</c> (one job) or <c>catalog rerun --state S [--pipeline P]</c> (every visible job in that state, in
/// the background, followed with a progress bar until done).
/// </summary>
internal static class RerunCommand
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private static readonly Argument<string?> Id = new("id")
    {
        Description = "The job to rerun (UUID or identifier); or give --state for many",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<string?> State = new("--state") { Description = "Rerun every visible job in this state (e.g. FAILED)" };
    private static readonly Option<string?> Pipeline = new("--pipeline") { Description = "With --state: only jobs of this pipeline (UUID or id)" };
    private static readonly Option<string?> UpdatedAfter = new("--updated-after") { Description = "With --state: only jobs updated after this ISO 8601 time" };

    public static Command Build()
    {
        var command = new Command("rerun", "Reset and ready a job in one step; with --state, every job in that state (admin)")
        {
            Id, State, Pipeline, UpdatedAfter, AdminCommands.Reason, Confirmation.Yes,
        };
        command.Validators.Add(result =>
        {
            var one = result.GetValue(Id) is not null;
            var many = result.GetValue(State) is not null;
            if (one == many)
            {
                result.AddError(one ? "give a job or --state, not both" : "give the job to rerun, or --state to rerun every job in a state");
            }
            else if (one && (result.GetValue(Pipeline) is not null || result.GetValue(UpdatedAfter) is not null))
            {
                result.AddError("--pipeline and --updated-after go with --state");
            }
        });
        Invocation.Handle(command, invocation => invocation.Value(Id) is { } id ? AdminCommands.RerunOneAsync(invocation, id) : RerunManyAsync(invocation));
        return command;
    }

    private static async Task<int> RerunManyAsync(Invocation invocation)
    {
        var state = invocation.Value(State)!.ToUpperInvariant();
        var pipeline = await PipelineNames.ResolveAsync(invocation.Client, invocation.Value(Pipeline), invocation.CancellationToken);
        var updatedAfter = invocation.Value(UpdatedAfter);
        var sample = (await invocation.Client.GetAsync(Route.With("api/v1/jobs", ("state", state), ("pipeline_uuid", pipeline),
            ("updated_after", updatedAfter), ("limit", "1000")), invocation.CancellationToken)).Body;
        var count = Json.Items(sample).Count();
        var howMany = Json.Text(sample, "next") is null ? count.ToString(CultureInfo.InvariantCulture) : $"more than {count}";
        var scope = $"in state {state}" + (pipeline is null ? "" : $" of pipeline {invocation.Value(Pipeline)}")
            + (updatedAfter is null ? "" : $" updated after {updatedAfter}");
        if (count == 0)
        {
            Screen.Note($"no visible job {scope}; nothing to rerun");
            return ExitCodes.Ok;
        }
        if (!Confirmation.Ask(invocation, $"Rerun every visible job {scope} ({howMany} now): each is reset and made ready to run again."))
        {
            return ExitCodes.Usage;
        }
        var started = (await invocation.Client.PostAsync("api/v1/admin/rerun", new JsonObject
        {
            ["state"] = state,
            ["pipeline_uuid"] = pipeline,
            ["updated_after"] = updatedAfter,
            ["reason"] = invocation.Value(AdminCommands.Reason),
        }, invocation.CancellationToken)).Body;
        var id = Json.Text(started, "id") ?? throw new ApiException(202, "the catalog's answer named no operation");
        var finished = await ProgressView.RunAsync(invocation.Screen, $"rerun {id}", async report =>
        {
            var operation = started;
            while (true)
            {
                report(operation["percent"]?.GetValue<double>() ?? 0,
                    $"{Json.Text(operation, "done")} done, {Json.Text(operation, "skipped")} skipped of {Json.Text(operation, "total")}");
                if (Json.Text(operation, "state") != "running")
                {
                    return operation;
                }
                await Task.Delay(Poll, invocation.CancellationToken);
                operation = (await invocation.Client.GetAsync($"api/v1/admin/operations/{Route.Segment(id)}", invocation.CancellationToken)).Body;
            }
        });
        if (invocation.Json)
        {
            Screen.Raw(finished);
            return ExitCodes.Ok;
        }
        invocation.Screen.Line($"rerun {Json.Text(finished, "state")}: {Json.Text(finished, "done")} rerun, {Json.Text(finished, "skipped")} skipped "
            + $"(no longer {state} when their turn came) of {Json.Text(finished, "total")}");
        return ExitCodes.Ok;
    }
}
