namespace Catalog.Chaos;

/// <summary>Samples the catalog's resident set every 100 ms while a part runs and keeps the peak.</summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly CatalogProcess _catalog;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakKb;

    public RssSampler(CatalogProcess catalog)
    {
        _catalog = catalog;
        _loop = Task.Run(LoopAsync);
    }

    public long PeakKb => Interlocked.Read(ref _peakKb);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            do
            {
                if (_catalog.RssKb() is { } rss && rss > Interlocked.Read(ref _peakKb))
                {
                    Interlocked.Exchange(ref _peakKb, rss);
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
