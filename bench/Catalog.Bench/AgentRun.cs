using HdrHistogram;

namespace Catalog.Bench;

/// <summary>
/// What one simulated agent did. Each agent owns its jobs and sends their events one after the other, so its
/// counters need no locks; they are merged once every agent has stopped.
/// </summary>
internal sealed class AgentRun
{
    public LongHistogram Events { get; } = Latency.Create();
    public LongHistogram Creates { get; } = Latency.Create();

    /// <summary>Acknowledged events that started inside the measured window.</summary>
    public long WindowEvents { get; set; }

    /// <summary>Jobs created (201) by requests that started inside the measured window.</summary>
    public long WindowCreates { get; set; }

    /// <summary>Time spent in event requests that started inside the window (creation time is kept apart).</summary>
    public long WindowEventTicks { get; set; }

    public long EventErrors { get; set; }
    public long CreateErrors { get; set; }
    public long FinishedAt { get; set; }

    /// <summary>Every job this agent created, with the number of its events the catalog acknowledged.</summary>
    public List<(string Uuid, int Acknowledged)> Jobs { get; } = [];

    public Dictionary<string, long> ErrorsByStatus { get; } = new(StringComparer.Ordinal);

    public void Error(string what, int status)
    {
        var key = $"{what} {(status == 0 ? "exception" : status.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
        ErrorsByStatus[key] = ErrorsByStatus.GetValueOrDefault(key) + 1;
    }
}
