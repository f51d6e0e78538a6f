namespace Catalog.Chaos;

/// <summary>One <c>GET /health</c> with a short deadline: its status, or 0 when nothing answered.</summary>
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
}
