using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Catalog.Cli.Output;

/// <summary>Standard output through Spectre.Console (tables, trees, progress), and plain lines on standard error.</summary>
internal sealed class Screen
{
    /// <summary>Width of output that goes to a file or a pipe, where no terminal says how wide it is.</summary>
    private const int RedirectedWidth = 200;

    public Screen()
    {
        Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });
        if (System.Console.IsOutputRedirected)
        {
            Console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture,
                out var columns) && columns > 0 ? columns : RedirectedWidth;
        }
    }

    public IAnsiConsole Console { get; }

    /// <summary>Whether a person watches (live progress bars); otherwise progress is written line by line.</summary>
    public bool Interactive => Console.Profile.Capabilities.Interactive && !System.Console.IsOutputRedirected;

    public void Write(IRenderable renderable) => Console.Write(renderable);

    public void Line(string text) => Console.Write(new Text(text + Environment.NewLine));

    /// <summary>The API's answer as it came (<c>--json</c>).</summary>
    public static void Raw(string text)
    {
        System.Console.Out.Write(text);
        if (!text.EndsWith('\n'))
        {
            System.Console.Out.WriteLine();
        }
    }

    public static void Raw(JsonNode json) => Raw(json.ToJsonString());

    public static void Error(string line) => System.Console.Error.WriteLine(line);

    /// <summary>A remark beside the output (a hint, a count): on standard error, so piped tables stay clean.</summary>
    public static void Note(string line) => System.Console.Error.WriteLine(line);

    public static Table Table(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }
        return table;
    }

    /// <summary>Adds a row of plain text (never read as markup: an identifier may hold '[').</summary>
    public static void Row(Table table, params string?[] cells) =>
        table.AddRow(cells.Select(c => (IRenderable)new Text(c ?? "")).ToArray());

    /// <summary>Named values, one a line, names aligned; empty values left out.</summary>
    public void Fields(IEnumerable<(string Name, string? Value)> fields)
    {
        var given = fields.Where(f => !string.IsNullOrEmpty(f.Value)).ToList();
        var width = given.Count == 0 ? 0 : given.Max(f => f.Name.Length) + 2;
        foreach (var (name, value) in given)
        {
            Console.Write(new Text(name.PadRight(width), new Style(decoration: Decoration.Bold)));
            Console.Write(new Text(value + Environment.NewLine));
        }
    }

    /// <summary>Long text cut for a table cell (the whole of it is in <c>--json</c>).</summary>
    public static string Clip(string? text, int length = 100) =>
        text is null ? "" : text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
}
