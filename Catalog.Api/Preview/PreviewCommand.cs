using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.Preview;

/// <summary>
/// <c>preview --input FILE</c>: reads a JSON array of job specs and prints, in the same order, the preview of each,
/// or <c>{"error": ...}</c> for a spec that cannot be resolved. Needs no database.
/// </summary>
public static class PreviewCommand
{
    private const string Usage = "usage: Catalog.Api preview --input FILE   (FILE holds a JSON array of job specs; '-' reads stdin)";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var inputIndex = Array.IndexOf(args, "--input");
        if (inputIndex < 0 || inputIndex + 1 >= args.Length)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        var path = args[inputIndex + 1];
        string text;
        try
        {
            text = path == "-" ? await Console.In.ReadToEndAsync() : await File.ReadAllTextAsync(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"preview: cannot read {path}: {ex.Message}");
            return 1;
        }

        JToken specs;
        try
        {
            specs = PreviewResult.ParseFile(text);
        }
        catch (JsonException ex)
        {
            await error.WriteLineAsync($"preview: {path} is not valid JSON: {ex.Message}");
            return 1;
        }
        if (specs is not JArray items)
        {
            await error.WriteLineAsync($"preview: {path} must hold a JSON array of job specs.");
            return 1;
        }

        var now = DateTime.UtcNow;
        var results = new JArray();
        foreach (var item in items)
        {
            var (result, errors) = PreviewResult.Of(item, now);
            results.Add(result ?? new JObject { ["error"] = string.Join(" ", errors) });
        }
        await output.WriteLineAsync(results.ToString(Formatting.Indented));
        return 0;
    }
}
