using Catalog.Core.EventStore;
using Npgsql;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Tests.EventStore;

public sealed class AppendConcurrencyTests(EventStoreDatabase database) : IClassFixture<EventStoreDatabase>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private Store Store => database.Store;

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Given_an_appender_holding_the_stream_when_another_appends_at_the_same_version_then_it_waits_and_loses(
        int expectedVersion)
    {
        var stream = $"race-held-{expectedVersion}-{Guid.NewGuid():N}";
        if (expectedVersion > 0)
        {
            await Store.AppendAsync(stream, "test", 0, TestEvents.New(expectedVersion), CancellationToken.None);
        }
        var winnerEvents = TestEvents.New(2);
        var loserEvents = TestEvents.New(1);

        await using var first = await database.DataSource.OpenConnectionAsync();
        await using var firstTransaction = await first.BeginTransactionAsync();
        await Store.AppendAsync(first, firstTransaction, stream, "test", expectedVersion, winnerEvents, CancellationToken.None);

        await using var second = await database.DataSource.OpenConnectionAsync();
        await using var secondTransaction = await second.BeginTransactionAsync();
        var loser = Task.Run(() => Store.AppendAsync(second, secondTransaction, stream, "test", expectedVersion, loserEvents, CancellationToken.None));
        await WaitUntilBlockedOnALockAsync(second.ProcessID);
        await firstTransaction.CommitAsync();

        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(() => loser);
        Assert.Equal(expectedVersion, conflict.Expected);
        Assert.Equal(expectedVersion + 2, conflict.Actual);
        Assert.Equal(winnerEvents.Select(e => e.EventId), (await Store.ReadStreamAsync(stream, CancellationToken.None)).Skip(expectedVersion).Select(e => e.EventId));
        await TestEvents.AssertLogInvariantsAsync(database.DataSource);
    }

    [Fact]
    public async Task Given_the_holder_rolls_back_when_another_appends_at_the_same_version_then_it_wins_without_a_gap()
    {
        var stream = $"race-rollback-{Guid.NewGuid():N}";
        var head = await Store.HeadAsync(CancellationToken.None);

        await using var first = await database.DataSource.OpenConnectionAsync();
        await using var firstTransaction = await first.BeginTransactionAsync();
        await Store.AppendAsync(first, firstTransaction, stream, "test", 0, TestEvents.New(3), CancellationToken.None);

        var secondEvents = TestEvents.New(2);
        await using var second = await database.DataSource.OpenConnectionAsync();
        await using var secondTransaction = await second.BeginTransactionAsync();
        var secondAppend = Task.Run(() => Store.AppendAsync(second, secondTransaction, stream, "test", 0, secondEvents, CancellationToken.None));
        await WaitUntilBlockedOnALockAsync(second.ProcessID);
        await firstTransaction.RollbackAsync();

        var result = await secondAppend;
        await secondTransaction.CommitAsync();
        Assert.Equal(new AppendResult(2, head + 1, head + 2), result);
        Assert.Equal(secondEvents.Select(e => e.EventId), (await Store.ReadStreamAsync(stream, CancellationToken.None)).Select(e => e.EventId));
        await TestEvents.AssertLogInvariantsAsync(database.DataSource);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Given_two_appenders_released_together_at_one_version_then_exactly_one_wins_every_round(int expectedVersion)
    {
        for (var round = 0; round < 20; round++)
        {
            var stream = $"race-barrier-{expectedVersion}-{round}-{Guid.NewGuid():N}";
            if (expectedVersion > 0)
            {
                await Store.AppendAsync(stream, "test", 0, TestEvents.New(expectedVersion), CancellationToken.None);
            }
            var candidates = new[] { TestEvents.New(1), TestEvents.New(2) };
            using var barrier = new Barrier(2);
            var attempts = candidates
                .Select(events => Task.Run(async () =>
                {
                    await using var connection = await database.DataSource.OpenConnectionAsync();
                    barrier.SignalAndWait(Deadline);
                    await using var transaction = await connection.BeginTransactionAsync();
                    await Store.AppendAsync(connection, transaction, stream, "test", expectedVersion, events, CancellationToken.None);
                    await transaction.CommitAsync();
                }))
                .ToArray();
            await Task.WhenAll(attempts.Select(a => a.ContinueWith(_ => { }, TaskScheduler.Default)));

            var winners = Enumerable.Range(0, 2).Where(i => attempts[i].IsCompletedSuccessfully).ToArray();
            var winner = Assert.Single(winners);
            var loser = attempts[1 - winner];
            var conflict = Assert.IsType<ConcurrencyException>(loser.Exception?.InnerException);
            Assert.Equal(expectedVersion + candidates[winner].Length, conflict.Actual);
            var stored = await Store.ReadStreamAsync(stream, CancellationToken.None);
            Assert.Equal(candidates[winner].Select(e => e.EventId), stored.Skip(expectedVersion).Select(e => e.EventId));
        }
        await TestEvents.AssertLogInvariantsAsync(database.DataSource);
    }

    [Theory]
    [InlineData(3, 5, 3L)]
    [InlineData(3, 2, 3L)]
    [InlineData(3, 0, 3L)]
    [InlineData(0, 1, null)]
    public async Task Given_a_wrong_expected_version_then_concurrency_exception_with_the_actual_version_and_nothing_written(
        int existing, long expectedVersion, long? actual)
    {
        var stream = $"wrong-version-{Guid.NewGuid():N}";
        if (existing > 0)
        {
            await Store.AppendAsync(stream, "test", 0, TestEvents.New(existing), CancellationToken.None);
        }
        var head = await Store.HeadAsync(CancellationToken.None);

        var conflict = await Assert.ThrowsAsync<ConcurrencyException>(
            () => Store.AppendAsync(stream, "test", expectedVersion, TestEvents.New(2), CancellationToken.None));

        Assert.Equal(stream, conflict.StreamId);
        Assert.Equal(expectedVersion, conflict.Expected);
        Assert.Equal(actual, conflict.Actual);
        Assert.Equal(head, await Store.HeadAsync(CancellationToken.None));
        Assert.Equal(existing, (await Store.ReadStreamAsync(stream, CancellationToken.None)).Count);
        await TestEvents.AssertLogInvariantsAsync(database.DataSource);
    }

    private async Task WaitUntilBlockedOnALockAsync(int processId)
    {
        await Eventually.WaitForAsync(async () =>
        {
            await using var command = database.DataSource.CreateCommand("SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1");
            command.Parameters.AddWithValue(processId);
            return await command.ExecuteScalarAsync() as string == "Lock";
        }, Deadline, $"backend {processId} to wait on a lock");
    }
}
