using System.CommandLine;
using Catalog.Cli.Http;
using Catalog.Cli.Output;
using Catalog.Cli.Settings;

namespace Catalog.Cli;

/// <summary>What one command's action has at hand: its parsed options, the catalog and the screen.</summary>
internal sealed class Invocation(ParseResult parse, CatalogClient client, Screen screen, CancellationToken cancellationToken)
{
    public ParseResult Parse { get; } = parse;

    public CatalogClient Client { get; } = client;

    public Screen Screen { get; } = screen;

    public bool Json => Parse.GetValue(GlobalOptions.Json);

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public T? Value<T>(Option<T> option) => Parse.GetValue(option);

    public T? Value<T>(Argument<T> argument) => Parse.GetValue(argument);

    /// <summary>Sets <paramref name="command"/>'s action: <paramref name="body"/> run with every error turned into one line and an exit code.</summary>
    public static void Handle(Command command, Func<Invocation, Task<int>> body) =>
        command.SetAction((parse, cancellationToken) => RunAsync(parse, body, cancellationToken));

    private static async Task<int> RunAsync(ParseResult parse, Func<Invocation, Task<int>> body, CancellationToken cancellationToken)
    {
        var screen = new Screen();
        try
        {
            var connection = Connection.Resolve(parse.GetValue(GlobalOptions.Url), parse.GetValue(GlobalOptions.Key),
                parse.GetValue(GlobalOptions.Profile), Environment.GetEnvironmentVariable);
            using var client = new CatalogClient(connection.Url, connection.Key);
            return await body(new Invocation(parse, client, screen, cancellationToken));
        }
        catch (ApiException api)
        {
            Screen.Error(api.Line);
            return ExitCodes.ApiError;
        }
        catch (UnreachableException unreachable)
        {
            Screen.Error(unreachable.Line);
            return ExitCodes.Unreachable;
        }
        catch (UsageException usage)
        {
            Screen.Error($"error: {usage.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Screen.Error("interrupted");
            return ExitCodes.Interrupted;
        }
#pragma warning disable CA1031 // The last resort: one line instead of a stack trace, whatever went wrong.
        catch (Exception unexpected)
#pragma warning restore CA1031
        {
            Screen.Error($"error: {unexpected.Message}");
            return ExitCodes.ApiError;
        }
    }
}
