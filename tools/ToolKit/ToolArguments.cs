using System.Globalization;

namespace Catalog.ToolKit;

/// <summary>The <c>--name value</c> arguments the build scripts hand to the benchmark and chaos tools.</summary>
internal sealed class ToolArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public ToolArguments(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var key = args[i];
            if (!key.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"expected '--name value', got '{key}'");
            }
            _values[key[2..]] = args[++i];
        }
    }

    public string Required(string name) => Optional(name) ?? throw new ArgumentException($"--{name} is required");

    public string? Optional(string name) => _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>A positive whole number, or the fallback when absent.</summary>
    public int Int(string name, int fallback) => Optional(name) is { } text
        ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"--{name} must be a positive whole number, not '{text}'")
        : fallback;

    /// <summary>A number of seconds (0 or more), or the fallback when absent.</summary>
    public double Seconds(string name, double fallback) => Optional(name) is { } text
        ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0
            ? d
            : throw new ArgumentException($"--{name} must be a number of seconds, not '{text}'")
        : fallback;
}
