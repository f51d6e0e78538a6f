using System.Diagnostics;
using Catalog.Core.EventStore;
using Xunit.Abstractions;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Tests.EventStore;

public sealed class ReadAllRaceTests(EventStoreDatabase database, ITestOutputHelper output) : IClassFixture<EventStoreDatabase>
{
    private const int Writers = 8;
    private const int MaxAppendsPerWriter = 250;
    private const int MinEvents = 300;
    private static readonly TimeSpan WriteFor = TimeSpan.FromSeconds(2);

    private Store Store => database.Store;

    [Fact]
    public async Task Given_writers_racing_when_a_reader_follows_the_log_then_it_sees_every_position_once_in_order()
    {
        var start = await Store.HeadAsync(CancellationToken.None);
        // Few streams, so that writers collide on versions; some appends roll back after taking positions.
        var streams = Enumerable.Range(0, 10).Select(i => $"race-{Guid.NewGuid():N}-{i}").ToArray();
        var versions = new long[streams.Length];
        var conflicts = 0;
        var rollbacks = 0;
        var committed = 0;
        var clock = Stopwatch.StartNew();

        var writers = Enumerable.Range(0, Writers).Select(seed => Task.Run(async () =>
        {
            var random = new Random(seed);
            // About two seconds, but at least MinEvents however slow the machine is today.
            for (var n = 0; n < MaxAppendsPerWriter && (clock.Elapsed < WriteFor || Volatile.Read(ref committed) < MinEvents); n++)
            {
                var s = random.Next(streams.Length);
                var expected = Interlocked.Read(ref versions[s]);
                await using var connection = await database.DataSource.OpenConnectionAsync();
                await using var transaction = await TestEvents.BeginQuickTransactionAsync(connection);
                try
                {
                    var result = await Store.AppendAsync(connection, transaction, streams[s], "test", expected,
                        TestEvents.New(random.Next(1, 4)), CancellationToken.None);
                    if (random.Next(6) == 0)
                    {
                        await transaction.RollbackAsync();
                        Interlocked.Increment(ref rollbacks);
                        continue;
                    }
                    await transaction.CommitAsync();
                    Interlocked.Add(ref committed, (int)(result.LastPosition - result.FirstPosition + 1));
                    Interlocked.CompareExchange(ref versions[s], result.Version, expected);
                }
                catch (ConcurrencyException conflict)
                {
                    Interlocked.Increment(ref conflicts);
                    Interlocked.Exchange(ref versions[s], conflict.Actual ?? 0);
                }
            }
        })).ToArray();

        var seen = new List<long>();
        var reads = 0;
        var checkpoint = start;
        while (true)
        {
            var writersDone = writers.All(w => w.IsCompleted);
            var page = await Store.ReadAllAsync(checkpoint, 50, CancellationToken.None);
            reads++;
            foreach (var recorded in page)
            {
                seen.Add(recorded.Position);
                checkpoint = recorded.Position;
            }
            if (page.Count == 0 && writersDone)
            {
                break;
            }
        }
        await Task.WhenAll(writers);

        var head = await Store.HeadAsync(CancellationToken.None);
        output.WriteLine($"{head - start} events committed in {clock.Elapsed.TotalSeconds:0.0} s, {conflicts} conflicts, {rollbacks} rollbacks, {reads} reads");
        Assert.True(head - start >= MinEvents, $"only {head - start} events were appended");
        Assert.True(conflicts > 0, "no append lost a version race");
        Assert.True(rollbacks > 0, "no append rolled back");
        Assert.True(reads > 20, $"the reader read only {reads} times");
        Assert.Equal(Enumerable.Range(1, (int)(head - start)).Select(i => start + i), seen);
        var stored = await Store.ReadAllAsync(start, int.MaxValue, CancellationToken.None);
        Assert.Equal(stored.Select(e => e.Position), seen);
        await TestEvents.AssertLogInvariantsAsync(database.DataSource);
    }

    [Fact]
    public async Task Given_interleaved_appends_to_two_streams_then_positions_follow_commits_and_versions_follow_positions()
    {
        var a = $"order-a-{Guid.NewGuid():N}";
        var b = $"order-b-{Guid.NewGuid():N}";
        var start = await Store.HeadAsync(CancellationToken.None);

        var results = new[]
        {
            await Store.AppendAsync(a, "test", 0, TestEvents.New(2), CancellationToken.None),
            await Store.AppendAsync(b, "test", 0, TestEvents.New(1), CancellationToken.None),
            await Store.AppendAsync(a, "test", 2, TestEvents.New(1), CancellationToken.None),
            await Store.AppendAsync(b, "test", 1, TestEvents.New(3), CancellationToken.None),
        };

        Assert.Equal(
            [new AppendResult(2, start + 1, start + 2), new AppendResult(1, start + 3, start + 3),
                new AppendResult(3, start + 4, start + 4), new AppendResult(4, start + 5, start + 7)],
            results);
        var all = await Store.ReadAllAsync(start, 100, CancellationToken.None);
        Assert.Equal([(a, 1L), (a, 2L), (b, 1L), (a, 3L), (b, 2L), (b, 3L), (b, 4L)], all.Select(e => (e.StreamId, e.Version)));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => start + i), all.Select(e => e.Position));
        var streamA = await Store.ReadStreamAsync(a, CancellationToken.None);
        Assert.Equal([start + 1, start + 2, start + 4], streamA.Select(e => e.Position));
        var page = await Store.ReadAllAsync(start + 4, 2, CancellationToken.None);
        Assert.Equal([start + 5, start + 6], page.Select(e => e.Position));
        await TestEvents.AssertLogInvariantsAsync(database.DataSource);
    }
}
