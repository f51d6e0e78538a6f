using Catalog.Core.EventStore;
using static Catalog.Tests.EventStore.TestEvents;

namespace Catalog.Tests.EventStore;

/// <summary>Purging a stream leaves its tombstone: its next life is a new incarnation (a database of its own: purges leave gaps).</summary>
[Trait("Category", "Database")]
public sealed class StreamIncarnationTests(EventStoreDatabase database) : IClassFixture<EventStoreDatabase>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Given_a_stream_purged_and_started_again_then_it_is_a_new_incarnation_and_appends_decided_on_the_old_one_fail()
    {
        var stream = $"incarnation-{Guid.NewGuid():N}";
        var first = await database.Store.CommitAsync(stream, 0, New(2));
        Assert.Equal(1, first.Incarnation);

        Assert.Equal(2, await database.Store.PurgeStreamAsync(stream, (_, _, _, _) => Task.CompletedTask, None));
        Assert.Equal(new StreamHead(0, 1), await database.Store.HeadOfAsync(stream, None));
        var again = await database.Store.CommitAsync(stream, 0, New(2));
        var stale = await database.Store.AppendAsync(Append(stream, 2, New(1), incarnation: 1), None);
        var current = await database.Store.AppendAsync(Append(stream, 2, New(1), incarnation: 2), None);

        Assert.Equal(2, again.Incarnation);
        Assert.Equal(AppendStatus.VersionConflict, stale.Status);
        Assert.Equal(AppendStatus.Committed, current.Status);
        Assert.Equal(new StreamHead(3, 2), await database.Store.HeadOfAsync(stream, None));
        Assert.Null(await database.Store.PurgeStreamAsync($"never-{Guid.NewGuid():N}", (_, _, _, _) => Task.CompletedTask, None));
    }
}
