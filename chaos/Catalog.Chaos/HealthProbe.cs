using System.Diagnostics;

namespace Catalog.Chaos;

/// <summary><c>GET /health</c> with a short deadline: its status, or 0 when nothing answered; sampled or awaited.</summary>
internal static class HealthProbe
{
    public static async Task<int> StatusAsync(HttpClient http, string apiUrl, CancellationToken cancellationToken)
    {
        try
        {
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromSeconds(5));
            using var response = await http.GetAsync($"{apiUrl}/health", attempt.Token);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
    }

    /// <summary>Asks /health every 250 ms for the given time; the statuses it got (0 = no answer).</summary>
    public static async Task<IReadOnlyList<int>> SampleAsync(HttpClient http, string apiUrl, TimeSpan duration, CancellationToken cancellationToken)
    {
        var statuses = new List<int>();
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            statuses.Add(await HealthProbe.StatusAsync(http, apiUrl, cancellationToken));
            var left = TimeSpan.FromSeconds((until - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left < TimeSpan.FromMilliseconds(250) ? left : TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
        return statuses;
    }

    public static async Task<bool> WaitOkAsync(HttpClient http, string apiUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (await HealthProbe.StatusAsync(http, apiUrl, cancellationToken) == 200)
            {
                return true;
            }
            await Task.Delay(50, cancellationToken);
        }
        return false;
    }
}
