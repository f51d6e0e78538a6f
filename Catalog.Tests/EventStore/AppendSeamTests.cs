using System.Diagnostics;
using Catalog.Core.EventStore;
using static Catalog.Tests.EventStore.TestEvents;

namespace Catalog.Tests.EventStore;

/// <summary>
/// What the one append promises beyond versions: delivery keys, a bad append that harms only itself, two nodes that
/// never deadlock, a stalled node that never freezes the others, and incarnations that outlive a purge.
/// </summary>
[Trait("Category", "Database")]
public sealed class AppendSeamTests(EventStoreDatabase database) : IClassFixture<EventStoreDatabase>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Given_valid_and_poisoned_appends_in_one_commit_then_every_valid_one_commits_and_only_the_poisoned_one_is_refused()
    {
        var store = database.NewNode();
        var valid = Enumerable.Range(0, 6).Select(i => Append($"valid-{i}-{Guid.NewGuid():N}", 0, New(2))).ToArray();
        // A lone surrogate cannot be encoded as UTF-8 for PostgreSQL; a NUL cannot be stored in a text column.
        var poisoned = new[]
        {
            Append($"poison-{Guid.NewGuid():N}", 0, [new NewEvent(Guid.CreateVersion7(), "test.happened.v1", "{\"x\":\"\ud800\"}")]),
            Append($"poison-\0-{Guid.NewGuid():N}", 0, New(1)),
        };

        Task<AppendOutcome>[] pending;
        using (store.PauseCommits())
        {
            pending = valid.Concat(poisoned).Select(a => store.AppendAsync(a, None)).ToArray();
            await Eventually.WaitForAsync(() => Task.FromResult(store.QueuedAppends == pending.Length), TimeSpan.FromSeconds(10), "all appends to queue");
        }
        var outcomes = await Task.WhenAll(pending);

        Assert.All(outcomes.Take(valid.Length), o => Assert.Equal(AppendStatus.Committed, o.Status));
        Assert.All(outcomes.Skip(valid.Length), o => Assert.Equal(AppendStatus.Unstorable, o.Status));
        Assert.All(outcomes.Skip(valid.Length), o => Assert.False(string.IsNullOrEmpty(o.Problem)));
        foreach (var append in valid)
        {
            Assert.Equal(2, (await database.Store.ReadStreamAsync(append.StreamId, None)).Count);
        }
        Assert.Empty(await database.Store.ReadStreamAsync(poisoned[0].StreamId, None));
        await AssertLogInvariantsAsync(database.DataSource);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Given_a_stale_append_or_a_repeated_key_in_one_commit_then_only_they_are_turned_away_and_the_rest_commit(
        bool withStale, bool withRepeat)
    {
        var store = database.NewNode();
        var moved = $"moved-{Guid.NewGuid():N}";
        var keyed = $"keyed-{Guid.NewGuid():N}";
        await database.Store.CommitAsync(moved, 0, New(2));
        await database.Store.CommitAsync(keyed, 0, New(1));
        await database.Store.AppendAsync(Append(keyed, 1, New(1), delivery: new DeliveryKey("seen", [1], "{}")), None);
        var fresh = Enumerable.Range(0, 3).Select(i => Append($"fresh-{i}-{Guid.NewGuid():N}", 0, New(2))).ToArray();
        var stale = Append(moved, 1, New(1), delivery: new DeliveryKey("stale", [2], "{}"));
        var repeat = Append(keyed, 2, New(1), delivery: new DeliveryKey("seen", [1], "{}"));
        var keyedWinner = Append($"keyed-winner-{Guid.NewGuid():N}", 0, New(1), delivery: new DeliveryKey("new", [3], "{\"ok\":1}"));

        Task<AppendOutcome>[] pending;
        var turnedAway = new[] { withStale ? stale : null, withRepeat ? repeat : null }.OfType<StreamAppend>().ToArray();
        var appends = fresh.Append(keyedWinner).Concat(turnedAway).ToArray();
        using (store.PauseCommits())
        {
            pending = appends.Select(a => store.AppendAsync(a, None)).ToArray();
            await Eventually.WaitForAsync(() => Task.FromResult(store.QueuedAppends == pending.Length), TimeSpan.FromSeconds(10), "all appends to queue");
        }
        var outcomes = await Task.WhenAll(pending);

        Assert.All(outcomes.Take(fresh.Length + 1), o => Assert.Equal(AppendStatus.Committed, o.Status));
        var expected = turnedAway.Select(a => a == stale ? AppendStatus.VersionConflict : AppendStatus.DuplicateKey);
        Assert.Equal(expected, outcomes.Skip(fresh.Length + 1).Select(o => o.Status));
        Assert.Equal(2, (await database.Store.ReadStreamAsync(moved, None)).Count);
        Assert.Equal(2, (await database.Store.ReadStreamAsync(keyed, None)).Count);
        Assert.Null(await database.Store.DeliveryAsync(moved, "stale", None));
        Assert.Equal("{\"ok\":1}", (await database.Store.DeliveryAsync(keyedWinner.StreamId, "new", None))!.Value.Answer);
        foreach (var (append, outcome) in appends.Zip(outcomes).Where(p => p.Second.Status == AppendStatus.Committed))
        {
            var stored = await database.Store.ReadStreamAsync(append.StreamId, None);
            Assert.Equal(append.Events.Select(e => e.EventId), stored.Select(e => e.EventId));
            Assert.Equal(stored.Select(e => e.Position), Enumerable.Range(0, stored.Count).Select(i => outcome.Committed!.FirstPosition + i));
        }
        await AssertLogInvariantsAsync(database.DataSource);
    }

    [Fact]
    public async Task Given_a_delivery_key_used_before_then_the_repeat_is_told_and_appends_nothing()
    {
        var stream = $"keys-{Guid.NewGuid():N}";
        await database.Store.CommitAsync(stream, 0, New(1));
        var key = new DeliveryKey("event-1", [1, 2, 3], "{\"answer\":1}");

        var first = await database.Store.AppendAsync(Append(stream, 1, New(1), delivery: key), None);
        var repeat = await database.Store.AppendAsync(Append(stream, 2, New(1), delivery: key with { Answer = "{}" }), None);

        Assert.Equal(AppendStatus.Committed, first.Status);
        Assert.Equal(AppendStatus.DuplicateKey, repeat.Status);
        Assert.Equal(2, (await database.Store.ReadStreamAsync(stream, None)).Count);
        var stored = await database.Store.DeliveryAsync(stream, "event-1", None);
        Assert.Equal("{\"answer\":1}", stored!.Value.Answer);
    }

    [Fact]
    public async Task Given_a_delivery_key_that_lost_its_version_race_then_the_key_is_free_again()
    {
        var stream = $"keys-lost-{Guid.NewGuid():N}";
        await database.Store.CommitAsync(stream, 0, New(2));

        var stale = await database.Store.AppendAsync(Append(stream, 1, New(1), delivery: new DeliveryKey("k", [1], "{}")), None);

        Assert.Equal(AppendStatus.VersionConflict, stale.Status);
        Assert.Null(await database.Store.DeliveryAsync(stream, "k", None));
    }

    [Fact]
    public async Task Given_two_nodes_sending_the_same_keys_in_opposite_orders_then_no_deadlock_and_each_key_stored_once()
    {
        var nodes = new[] { database.NewNode(), database.NewNode() };
        var streams = Enumerable.Range(0, 40).Select(i => $"dl-{i:D2}-{Guid.NewGuid():N}").ToArray();
        await Task.WhenAll(streams.Select(s => database.Store.CommitAsync(s, 0, New(1))));

        for (var round = 0; round < 10; round++)
        {
            var version = round + 1L;
            // Both nodes batch every stream with the same keys; one node's requests arrive in the opposite order.
            var outcomes = await Task.WhenAll(nodes.SelectMany((node, n) => (n == 0 ? streams : streams.Reverse())
                .Select(s => node.AppendAsync(Append(s, version, New(1), delivery: new DeliveryKey($"round-{round}", [(byte)round], "{}")), None))));

            Assert.DoesNotContain(outcomes, o => o.Status is AppendStatus.Unstorable);
            Assert.Equal(streams.Length, outcomes.Count(o => o.Status == AppendStatus.Committed));
        }
        await using var deadlocks = database.DataSource.CreateCommand("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()");
        Assert.Equal(0L, (long)(await deadlocks.ExecuteScalarAsync())!);
        await AssertLogInvariantsAsync(database.DataSource);
    }

    [Fact]
    public async Task Given_a_node_stalled_inside_its_commit_then_another_node_keeps_acknowledging_within_seconds()
    {
        var stalled = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var frozen = database.NewNode(new EventStoreOptions
        {
            IdleInTransactionTimeout = TimeSpan.FromSeconds(1),
            BeforeCommit = async (_, _) =>
            {
                stalled.TrySetResult();
                await release.Task;
            },
        });
        var frozenAppend = frozen.AppendAsync(Append($"frozen-{Guid.NewGuid():N}", 0, New(1)), None);
        await stalled.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var other = database.NewNode();
        var clock = Stopwatch.StartNew();
        var acknowledged = await other.AppendAsync(Append($"other-{Guid.NewGuid():N}", 0, New(1)), None);
        var waited = clock.Elapsed;
        release.SetResult();

        Assert.Equal(AppendStatus.Committed, acknowledged.Status);
        Assert.True(waited < TimeSpan.FromSeconds(4), $"the other node waited {waited.TotalSeconds:0.0} s behind the stalled one");
        // The stalled node's transaction was ended by PostgreSQL: its append was never acknowledged, and is not stored.
        await Assert.ThrowsAnyAsync<Exception>(() => frozenAppend);
        await AssertLogInvariantsAsync(database.DataSource);
    }
}
