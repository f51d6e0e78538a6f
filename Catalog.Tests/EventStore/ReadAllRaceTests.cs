using System.Diagnostics;
using Catalog.Core.EventStore;
using Xunit.Abstractions;
using static Catalog.Tests.EventStore.TestEvents;

namespace Catalog.Tests.EventStore;

[Trait("Category", "Database")]
public sealed class ReadAllRaceTests(EventStoreDatabase database, ITestOutputHelper output) : IClassFixture<EventStoreDatabase>
{
    private const int Writers = 8;
    private const int MaxAppendsPerWriter = 250;
    private const int MinEvents = 300;
    private static readonly TimeSpan WriteFor = TimeSpan.FromSeconds(2);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Given_writers_on_three_nodes_racing_when_a_reader_follows_the_log_then_it_sees_every_position_once_in_order()
    {
        var start = await database.Store.HeadAsync(None);
        // Some commits fail after taking their positions (the node dies before COMMIT): those positions must never show.
        var failures = 0;
        var random = new Random(7);
        var nodes = new[]
        {
            database.Store,
            database.NewNode(),
            database.NewNode(new EventStoreOptions
            {
                BeforeCommit = (_, _) =>
                {
                    lock (random)
                    {
                        if (random.Next(4) == 0)
                        {
                            Interlocked.Increment(ref failures);
                            throw new IOException("lost before COMMIT");
                        }
                    }
                    return Task.CompletedTask;
                },
            }),
        };
        // Few streams, so that writers collide on versions.
        var streams = Enumerable.Range(0, 10).Select(i => $"race-{Guid.NewGuid():N}-{i}").ToArray();
        var versions = new long[streams.Length];
        var conflicts = 0;
        var committed = 0;
        var clock = Stopwatch.StartNew();

        var writers = Enumerable.Range(0, Writers).Select(seed => Task.Run(async () =>
        {
            var local = new Random(seed);
            for (var n = 0; n < MaxAppendsPerWriter && (clock.Elapsed < WriteFor || Volatile.Read(ref committed) < MinEvents); n++)
            {
                var s = local.Next(streams.Length);
                var expected = Interlocked.Read(ref versions[s]);
                AppendOutcome outcome;
                try
                {
                    outcome = await nodes[local.Next(nodes.Length)].AppendAsync(Append(streams[s], expected, New(local.Next(1, 4))), None);
                }
                catch (IOException)
                {
                    continue;
                }
                if (outcome.Status == AppendStatus.Committed)
                {
                    Interlocked.Add(ref committed, (int)(outcome.Committed!.LastPosition - outcome.Committed.FirstPosition + 1));
                    Interlocked.CompareExchange(ref versions[s], outcome.Committed.Version, expected);
                }
                else
                {
                    Interlocked.Increment(ref conflicts);
                    Interlocked.Exchange(ref versions[s], (await database.Store.HeadOfAsync(streams[s], None)).Version);
                }
            }
        })).ToArray();

        var seen = new List<long>();
        var reads = 0;
        var checkpoint = start;
        while (true)
        {
            var writersDone = writers.All(w => w.IsCompleted);
            var page = await database.Store.ReadAllAsync(checkpoint, 50, None);
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

        var head = await database.Store.HeadAsync(None);
        output.WriteLine($"{head - start} events committed in {clock.Elapsed.TotalSeconds:0.0} s, {conflicts} conflicts, {failures} failed commits, {reads} reads");
        Assert.True(head - start >= MinEvents, $"only {head - start} events were appended");
        Assert.True(conflicts > 0, "no append lost a version race");
        Assert.True(failures > 0, "no commit failed");
        Assert.True(reads > 20, $"the reader read only {reads} times");
        Assert.Equal(Enumerable.Range(1, (int)(head - start)).Select(i => start + i), seen);
        var stored = await database.Store.ReadAllAsync(start, int.MaxValue, None);
        Assert.Equal(stored.Select(e => e.Position), seen);
        await AssertLogInvariantsAsync(database.DataSource);
    }

    [Fact]
    public async Task Given_interleaved_appends_to_two_streams_then_positions_follow_commits_and_versions_follow_positions()
    {
        var a = $"order-a-{Guid.NewGuid():N}";
        var b = $"order-b-{Guid.NewGuid():N}";
        var start = await database.Store.HeadAsync(None);

        var results = new[]
        {
            await database.Store.CommitAsync(a, 0, New(2)),
            await database.Store.CommitAsync(b, 0, New(1)),
            await database.Store.CommitAsync(a, 2, New(1)),
            await database.Store.CommitAsync(b, 1, New(3)),
        };

        Assert.Equal(
            [new AppendResult(2, 1, start + 1, start + 2), new AppendResult(1, 1, start + 3, start + 3),
                new AppendResult(3, 1, start + 4, start + 4), new AppendResult(4, 1, start + 5, start + 7)],
            results);
        var all = await database.Store.ReadAllAsync(start, 100, None);
        Assert.Equal([(a, 1L), (a, 2L), (b, 1L), (a, 3L), (b, 2L), (b, 3L), (b, 4L)], all.Select(e => (e.StreamId, e.Version)));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => start + i), all.Select(e => e.Position));
        var streamA = await database.Store.ReadStreamAsync(a, None);
        Assert.Equal([start + 1, start + 2, start + 4], streamA.Select(e => e.Position));
        var page = await database.Store.ReadAllAsync(start + 4, 2, None);
        Assert.Equal([start + 5, start + 6], page.Select(e => e.Position));
        await AssertLogInvariantsAsync(database.DataSource);
    }
}
