using Catalog.Core.EventStore;
using static Catalog.Tests.EventStore.TestEvents;

namespace Catalog.Tests.EventStore;

/// <summary>The store's conformance: its one append (the group commit) under concurrent writers, on one node and on two.</summary>
[Trait("Category", "Database")]
public sealed class AppendConcurrencyTests(EventStoreDatabase database) : IClassFixture<EventStoreDatabase>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Given_a_node_holding_its_commit_when_another_node_appends_at_the_same_version_then_it_waits_and_loses(int expectedVersion)
    {
        var stream = $"race-held-{expectedVersion}-{Guid.NewGuid():N}";
        if (expectedVersion > 0)
        {
            await database.Store.CommitAsync(stream, 0, New(expectedVersion));
        }
        var release = new TaskCompletionSource();
        var inCommit = new TaskCompletionSource();
        var holder = database.NewNode(new EventStoreOptions
        {
            IdleInTransactionTimeout = TimeSpan.FromSeconds(30),
            BeforeCommit = async (_, _) =>
            {
                inCommit.TrySetResult();
                await release.Task;
            },
        });
        var winnerEvents = New(2);
        var winner = holder.AppendAsync(Append(stream, expectedVersion, winnerEvents), None);
        await inCommit.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var loser = database.NewNode().AppendAsync(Append(stream, expectedVersion, New(1)), None);
        await WaitUntilSomeoneWaitsOnALockAsync();
        release.SetResult();

        Assert.Equal(AppendStatus.Committed, (await winner).Status);
        Assert.Equal(AppendStatus.VersionConflict, (await loser).Status);
        Assert.Equal(winnerEvents.Select(e => e.EventId), (await database.Store.ReadStreamAsync(stream, None)).Skip(expectedVersion).Select(e => e.EventId));
        await AssertLogInvariantsAsync(database.DataSource);
    }

    [Fact]
    public async Task Given_the_holder_fails_before_its_commit_when_another_appends_at_the_same_version_then_it_wins_without_a_gap()
    {
        var stream = $"race-rollback-{Guid.NewGuid():N}";
        var head = await database.Store.HeadAsync(None);
        var release = new TaskCompletionSource();
        var inCommit = new TaskCompletionSource();
        var holder = database.NewNode(new EventStoreOptions
        {
            IdleInTransactionTimeout = TimeSpan.FromSeconds(30),
            BeforeCommit = async (_, _) =>
            {
                inCommit.TrySetResult();
                await release.Task;
                throw new IOException("the node lost its connection before COMMIT");
            },
        });
        var failed = holder.AppendAsync(Append(stream, 0, New(3)), None);
        await inCommit.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var secondEvents = New(2);
        var second = database.NewNode().AppendAsync(Append(stream, 0, secondEvents), None);
        await WaitUntilSomeoneWaitsOnALockAsync();
        release.SetResult();

        await Assert.ThrowsAsync<IOException>(() => failed);
        var result = (await second).Committed!;
        Assert.Equal(new AppendResult(2, 1, head + 1, head + 2), result);
        Assert.Equal(secondEvents.Select(e => e.EventId), (await database.Store.ReadStreamAsync(stream, None)).Select(e => e.EventId));
        await AssertLogInvariantsAsync(database.DataSource);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Given_two_nodes_appending_at_one_version_together_then_exactly_one_wins_every_round(int expectedVersion)
    {
        var nodes = new[] { database.NewNode(), database.NewNode() };
        for (var round = 0; round < 20; round++)
        {
            var stream = $"race-barrier-{expectedVersion}-{round}-{Guid.NewGuid():N}";
            if (expectedVersion > 0)
            {
                await database.Store.CommitAsync(stream, 0, New(expectedVersion));
            }
            var candidates = new[] { New(1), New(2) };
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => nodes[i].AppendAsync(Append(stream, expectedVersion, candidates[i]), None)));

            var winner = Assert.Single(Enumerable.Range(0, 2), i => outcomes[i].Status == AppendStatus.Committed);
            Assert.Equal(AppendStatus.VersionConflict, outcomes[1 - winner].Status);
            var stored = await database.Store.ReadStreamAsync(stream, None);
            Assert.Equal(candidates[winner].Select(e => e.EventId), stored.Skip(expectedVersion).Select(e => e.EventId));
        }
        await AssertLogInvariantsAsync(database.DataSource);
    }

    [Fact]
    public async Task Given_many_appends_to_one_stream_at_one_version_on_one_node_then_one_commits_and_the_rest_are_told_at_once()
    {
        var stream = $"same-node-{Guid.NewGuid():N}";
        await database.Store.CommitAsync(stream, 0, New(1));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => database.Store.AppendAsync(Append(stream, 1, New(1)), None)));

        Assert.Equal(1, outcomes.Count(o => o.Status == AppendStatus.Committed));
        Assert.Equal(9, outcomes.Count(o => o.Status == AppendStatus.VersionConflict));
        Assert.Equal(2, (await database.Store.ReadStreamAsync(stream, None)).Count);
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(3, 2)]
    [InlineData(3, 0)]
    [InlineData(0, 1)]
    public async Task Given_a_wrong_expected_version_then_a_version_conflict_and_nothing_written(int existing, long expectedVersion)
    {
        var stream = $"wrong-version-{Guid.NewGuid():N}";
        if (existing > 0)
        {
            await database.Store.CommitAsync(stream, 0, New(existing));
        }
        var head = await database.Store.HeadAsync(None);

        var outcome = await database.Store.AppendAsync(Append(stream, expectedVersion, New(2)), None);

        Assert.Equal(AppendStatus.VersionConflict, outcome.Status);
        Assert.Equal(head, await database.Store.HeadAsync(None));
        Assert.Equal(existing, (await database.Store.ReadStreamAsync(stream, None)).Count);
        await AssertLogInvariantsAsync(database.DataSource);
    }

    private async Task WaitUntilSomeoneWaitsOnALockAsync()
    {
        await Eventually.WaitForAsync(async () =>
        {
            await using var command = database.DataSource.CreateCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
            return (long)(await command.ExecuteScalarAsync())! > 0;
        }, TimeSpan.FromSeconds(10), "an append to wait on a lock");
    }
}
