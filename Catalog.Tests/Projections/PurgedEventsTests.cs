using Catalog.Core.Projections;
using Catalog.Tests.EventStore;

namespace Catalog.Tests.Projections;

/// <summary>A purge can remove events no projection has applied yet, the newest of the log among them.</summary>
[Trait("Category", "Database")]
public sealed class PurgedEventsTests(EventStoreDatabase database) : IClassFixture<EventStoreDatabase>
{
    [Fact]
    public async Task Given_the_newest_events_purged_before_they_were_projected_then_the_projection_still_reaches_the_head()
    {
        var projection = new CountingProjection("purged_tail_v1");
        await projection.CreateTableAsync(database.DataSource);
        var head = await TestEvents.AppendManyAsync(database.Store, 30, "purged-tail");
        await using (var purge = database.DataSource.CreateCommand("DELETE FROM es.events WHERE position > $1"))
        {
            purge.Parameters.AddWithValue(head - 5);
            await purge.ExecuteNonQueryAsync();
        }
        await using var run = DaemonRun.Start(database.DataSource, projection, new ProjectionDaemonOptions
        {
            BatchSize = 10,
            IdlePollInterval = TimeSpan.FromMilliseconds(50),
        });

        await run.Daemon.WaitForPositionAsync(projection.Name, head, TimeSpan.FromSeconds(10), CancellationToken.None);

        var status = Assert.Single(await run.Daemon.GetStatusAsync(CancellationToken.None));
        Assert.Equal((head, 0L), (status.Position, status.Lag));
        var stored = await database.Store.ReadAllAsync(0, (int)head, CancellationToken.None);
        Assert.Equal(head - 5, stored.Count);
        Assert.Equal(stored.Select(e => (e.Position, e.StreamId)), await CountingProjection.RowsAsync(database.DataSource, projection.Name));
    }
}
