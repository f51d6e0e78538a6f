using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Catalog.Cli.Output;

namespace Catalog.Cli.Commands;

/// <summary><c>catalog preview [FILE|-]</c>: what the catalog would make of a job spec, storing nothing.</summary>
internal static class PreviewCommand
{
    private static readonly Argument<string?> File = new("file")
    {
        Description = "A JSON job spec ({pipeline_uuid, measurement_id?, data?, ...}); '-' or nothing reads standard input",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Command Build()
    {
        var command = new Command("preview", "Preview a job spec: its UUID, archive path and linkage (stores nothing)") { File };
        Invocation.Handle(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation)
    {
        var file = invocation.Value(File);
        string text;
        if (file is null or "-")
        {
            if (!Console.IsInputRedirected)
            {
                throw new UsageException("give a spec file, or pipe the spec into standard input ('catalog preview spec.json')");
            }
            text = await Console.In.ReadToEndAsync(invocation.CancellationToken);
        }
        else
        {
            text = System.IO.File.Exists(file)
                ? await System.IO.File.ReadAllTextAsync(file, invocation.CancellationToken)
                : throw new UsageException($"no file {file}");
        }
        try
        {
            JsonNode.Parse(text);
        }
        catch (JsonException malformed)
        {
            throw new UsageException($"the spec is not valid JSON: {malformed.Message}");
        }
        var answer = await invocation.Client.SendAsync(HttpMethod.Post, "api/v1/jobs/preview", text, invocation.CancellationToken);
        if (invocation.Json)
        {
            Screen.Raw(answer.Text);
            return ExitCodes.Ok;
        }
        var preview = answer.Body;
        invocation.Screen.Fields(
        [
            ("uuid", Json.Text(preview, "uuid")),
            ("archive path", Json.Text(preview, "archive_path")),
            ("child of", Json.Text(preview, "child_of")),
            ("linearized", Json.Text(preview, "linearized")),
        ]);
        return ExitCodes.Ok;
    }
}
