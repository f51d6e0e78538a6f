using System.CommandLine;
using Catalog.Cli.Http;
using Catalog.Cli.Output;

namespace Catalog.Cli.Commands;

/// <summary><c>catalog rebuild PROJECTION</c>: replays a projection into fresh tables and follows it until they are swapped in.</summary>
internal static class RebuildCommand
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private static readonly Argument<string> Name = new("projection") { Description = "The projection's name (an unknown name lists the known ones)" };

    public static Command Build()
    {
        var command = new Command("rebuild", "Rebuild a projection from the event log, with its progress (admin)") { Name, AdminCommands.Reason, Confirmation.Yes };
        Invocation.Handle(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var name = invocation.Value(Name)!;
        var projections = (await invocation.Client.GetAsync("api/v1/admin/projections", invocation.CancellationToken)).Body;
        var known = Json.Items(projections).Select(p => Json.Text(p, "name")).ToList();
        if (!known.Contains(name))
        {
            throw new UsageException($"no projection is named '{name}'; the catalog has: {string.Join(", ", known)}");
        }
        if (!Confirmation.Ask(invocation, $"Rebuild projection {name}: it is replayed from the event log into fresh tables, swapped in once caught up "
            + "(readers keep the current tables meanwhile)."))
        {
            return ExitCodes.Usage;
        }
        var started = (await invocation.Client.PostAsync(Route.With($"api/v1/admin/projections/{Route.Segment(name)}/rebuild",
            ("reason", invocation.Value(AdminCommands.Reason))), null, invocation.CancellationToken)).Body;
        var target = Json.Text(started, "rebuild_target");
        var status = await ProgressView.RunAsync(invocation.Screen, $"rebuild {name}", async report =>
        {
            while (true)
            {
                var all = (await invocation.Client.GetAsync("api/v1/admin/projections", invocation.CancellationToken)).Body;
                var projection = Json.Items(all).FirstOrDefault(p => Json.Text(p, "name") == name)
                    ?? throw new ApiException(200, $"the catalog no longer lists projection {name}");
                switch (Json.Text(projection, "status"))
                {
                    case "rebuilding":
                        report(projection["rebuild_percent"]?.GetValue<double>() ?? 0,
                            $"position {Json.Text(projection, "rebuild_position") ?? "0"} of {Json.Text(projection, "rebuild_target") ?? target}");
                        break;
                    case "faulted":
                        throw new ApiException(200, $"projection {name} is faulted at position {Json.Text(projection, "error_position")}: "
                            + Json.Text(projection, "last_error"));
                    default:
                        report(100, $"swapped in at position {Json.Text(projection, "position")}");
                        return projection;
                }
                await Task.Delay(Poll, invocation.CancellationToken);
            }
        });
        if (invocation.Json)
        {
            Screen.Raw(status);
            return ExitCodes.Ok;
        }
        invocation.Screen.Line($"projection {name} rebuilt up to position {target} and swapped in; now at {Json.Text(status, "position")}, "
            + $"lag {Json.Text(status, "lag")}");
        return ExitCodes.Ok;
    }
}
