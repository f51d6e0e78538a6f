namespace Catalog.ToolKit;

/// <summary>
/// Samples a process's resident set every 100 ms while a part runs and keeps the peak; VmRSS samples give the peak of
/// that part alone, while VmHWM would also include whatever start-up touched. The reader is asked each time, so a
/// process restarted meanwhile is followed.
/// </summary>
internal sealed class RssSampler : IAsyncDisposable
{
    private readonly Func<long?> _readRssKb;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakKb;
    private int _samples;

    public RssSampler(Func<long?> readRssKb)
    {
        _readRssKb = readRssKb;
        _loop = Task.Run(LoopAsync);
    }

    public long PeakKb => Interlocked.Read(ref _peakKb);

    public int Samples => Volatile.Read(ref _samples);

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
                if (_readRssKb() is { } rss)
                {
                    Interlocked.Exchange(ref _peakKb, Math.Max(Interlocked.Read(ref _peakKb), rss));
                    Interlocked.Increment(ref _samples);
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
