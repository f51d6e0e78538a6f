namespace Catalog.Bench;

/// <summary>
/// Samples the catalog's resident set every 100 ms while a part runs; VmRSS samples give the peak of that part alone,
/// while VmHWM would also include whatever start-up touched.
/// </summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly CatalogProcess _catalog;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakKb;
    private int _samples;

    public RssSampler(CatalogProcess catalog)
    {
        _catalog = catalog;
        _loop = Task.Run(LoopAsync);
    }

    public long PeakKb => Interlocked.Read(ref _peakKb);

    public int Samples => Volatile.Read(ref _samples);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        do
        {
            if (_catalog.Memory() is { } memory)
            {
                Interlocked.Exchange(ref _peakKb, Math.Max(Interlocked.Read(ref _peakKb), memory.RssKb));
                Interlocked.Increment(ref _samples);
            }
            try
            {
                if (!await timer.WaitForNextTickAsync(_stop.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        while (true);
    }
}
