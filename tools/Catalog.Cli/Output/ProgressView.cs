using Spectre.Console;

namespace Catalog.Cli.Output;

/// <summary>
/// A progress bar for a person at a terminal; line by line (each change once) when the output goes to a file or pipe,
/// where a redrawn bar would leave control characters.
/// </summary>
internal static class ProgressView
{
    /// <summary>Runs <paramref name="work"/>, which reports (percent 0-100, description) until it returns.</summary>
    public static async Task<T> RunAsync<T>(Screen screen, string title, Func<Action<double, string>, Task<T>> work)
    {
        if (screen.Interactive)
        {
            return await screen.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(title), maxValue: 100);
                    var result = await work((percent, description) =>
                    {
                        task.Value = Math.Clamp(percent, 0, 100);
                        task.Description = Markup.Escape($"{title}: {description}");
                    });
                    task.Value = 100;
                    return result;
                });
        }
        var last = "";
        return await work((percent, description) =>
        {
            var line = $"{title}: {percent,3:0}% {description}";
            if (line != last)
            {
                screen.Line(line);
                last = line;
            }
        });
    }
}
