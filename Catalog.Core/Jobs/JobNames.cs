namespace Catalog.Core.Jobs;

/// <summary>Wire names of states and events: states upper-case, events lower-case, parsing case-insensitive.</summary>
public static class JobNames
{
    public static string Wire(this JobStatus status) => status.ToString().ToUpperInvariant();

    public static string Wire(this JobEventName name) => name.ToString().ToLowerInvariant();

    public static bool TryParseEvent(string? text, out JobEventName name)
    {
        name = default;
        if (string.IsNullOrWhiteSpace(text) || !text.All(char.IsAsciiLetter))
        {
            return false;
        }
        return Enum.TryParse(text, ignoreCase: true, out name);
    }

    public static bool TryParseStatus(string? text, out JobStatus status)
    {
        status = default;
        if (string.IsNullOrWhiteSpace(text) || !text.All(char.IsAsciiLetter))
        {
            return false;
        }
        return Enum.TryParse(text, ignoreCase: true, out status);
    }

    public static IReadOnlyList<string> AllEvents { get; } =
        Enum.GetValues<JobEventName>().Select(e => e.Wire()).ToArray();
}
