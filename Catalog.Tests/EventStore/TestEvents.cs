using Catalog.Core.EventStore;
using Npgsql;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Tests.EventStore;

/// <summary>Event builders, appends through the store's one path, and whole-log assertions.</summary>
public static class TestEvents
{
    public static NewEvent[] New(int count, string type = "test.happened.v1") =>
        Enumerable.Range(0, count)
            .Select(i => new NewEvent(Guid.CreateVersion7(), type, $$"""{"n":{{i}}}"""))
            .ToArray();

    public static StreamAppend Append(string stream, long expectedVersion, IReadOnlyList<NewEvent> events, int incarnation = 1,
        DeliveryKey? delivery = null, string type = "test") => new()
    {
        StreamId = stream,
        StreamType = type,
        ExpectedVersion = expectedVersion,
        ExpectedIncarnation = incarnation,
        Events = events,
        Delivery = delivery,
    };

    /// <summary>Appends and requires the commit; returns where it landed.</summary>
    public static async Task<AppendResult> CommitAsync(this Store store, string stream, long expectedVersion, IReadOnlyList<NewEvent> events)
    {
        var outcome = await store.AppendAsync(Append(stream, expectedVersion, events), CancellationToken.None);
        Assert.Equal(AppendStatus.Committed, outcome.Status);
        return outcome.Committed!;
    }

    /// <summary>Appends <paramref name="count"/> events, one to three per append, over five new streams.</summary>
    public static async Task<long> AppendManyAsync(Store store, int count, string prefix)
    {
        var versions = new long[5];
        var appended = 0;
        var last = 0L;
        for (var i = 0; appended < count; i++)
        {
            var stream = i % versions.Length;
            var batch = Math.Min(1 + i % 3, count - appended);
            var result = await store.CommitAsync($"{prefix}-{stream}", versions[stream], New(batch));
            versions[stream] = result.Version;
            appended += batch;
            last = result.LastPosition;
        }
        return last;
    }

    /// <summary>Creates many streams at once through the group commit (concurrent appends share commits).</summary>
    public static async Task<long> AppendStreamsAsync(Store store, IEnumerable<(string Stream, string Type, IReadOnlyList<NewEvent> Events)> streams)
    {
        var last = 0L;
        foreach (var chunk in streams.Chunk(512))
        {
            var outcomes = await Task.WhenAll(chunk.Select(s => store.AppendAsync(Append(s.Stream, 0, s.Events, type: s.Type), CancellationToken.None)));
            Assert.All(outcomes, o => Assert.Equal(AppendStatus.Committed, o.Status));
            last = Math.Max(last, outcomes.Max(o => o.Committed!.LastPosition));
        }
        return last;
    }

    /// <summary>
    /// Positions are 1..head without a gap and the head row agrees; per stream, versions are 1..n without a gap, follow
    /// position order, and end at the stream row's version.
    /// </summary>
    public static async Task AssertLogInvariantsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT
                (SELECT count(*) FROM es.events),
                (SELECT coalesce(min(position), 1) FROM es.events),
                (SELECT coalesce(max(position), 0) FROM es.events),
                (SELECT last_position FROM es.log_head WHERE id = 1),
                (SELECT count(*) FROM (
                    SELECT version, row_number() OVER (PARTITION BY stream_id ORDER BY position) AS expected FROM es.events
                ) e WHERE version <> expected),
                (SELECT count(*) FROM es.streams s
                    WHERE s.version <> (SELECT coalesce(max(version), 0) FROM es.events e WHERE e.stream_id = s.stream_id))
            """);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var (count, min, max, head) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        Assert.Equal(1, min);
        Assert.Equal(count, max);
        Assert.Equal(max, head);
        Assert.Equal(0, reader.GetInt64(4));
        Assert.Equal(0, reader.GetInt64(5));
    }
}
