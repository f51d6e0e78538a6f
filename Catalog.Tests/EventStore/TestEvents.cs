using Catalog.Core.EventStore;
using Npgsql;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Tests.EventStore;

/// <summary>Event builders and whole-log assertions shared by the event store and projection tests.</summary>
public static class TestEvents
{
    public static NewEvent[] New(int count, string type = "test.happened.v1") =>
        Enumerable.Range(0, count)
            .Select(i => new NewEvent(Guid.CreateVersion7(), type, $$"""{"n":{{i}}}"""))
            .ToArray();

    /// <summary>Appends <paramref name="count"/> events, one to three per append, over five new streams.</summary>
    public static async Task<long> AppendManyAsync(NpgsqlDataSource dataSource, int count, string prefix)
    {
        var versions = new long[5];
        var appended = 0;
        var last = 0L;
        for (var i = 0; appended < count; i++)
        {
            var stream = i % versions.Length;
            var batch = Math.Min(1 + i % 3, count - appended);
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await BeginQuickTransactionAsync(connection);
            var result = await Store.AppendAsync(connection, transaction, $"{prefix}-{stream}", "test", versions[stream], New(batch),
                CancellationToken.None);
            await transaction.CommitAsync();
            versions[stream] = result.Version;
            appended += batch;
            last = result.LastPosition;
        }
        return last;
    }

    /// <summary>
    /// A transaction whose commit does not wait for the WAL flush: on the test machine's slow disk a flushed commit
    /// takes tens of milliseconds, and visibility (what the tests are about) is the same either way.
    /// </summary>
    public static async Task<NpgsqlTransaction> BeginQuickTransactionAsync(NpgsqlConnection connection)
    {
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("SET LOCAL synchronous_commit = off", connection, transaction);
        await command.ExecuteNonQueryAsync();
        return transaction;
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
