using Catalog.Core.Jobs;
using Catalog.Core.Projections.JobDocuments;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Core.Queries;

/// <summary>
/// What the catalog had recorded by a time: every event up to the last commit written by then (<c>es.commits</c>),
/// and the jobs hidden at that point of the log. Purged jobs' events are gone, so they stay gone in the past too.
/// </summary>
public sealed record AsOf(DateTimeOffset Time, long Position, IReadOnlyList<string> HiddenJobs)
{
    /// <summary>The log as it stood at <paramref name="time"/>: its last position then (0: nothing was recorded) and the jobs hidden then.</summary>
    public static async Task<AsOf> AtAsync(NpgsqlConnection connection, DateTimeOffset time, CancellationToken cancellationToken)
    {
        // One statement: the last commit written by then, and the jobs whose last hide or restore up to it was a hide.
        await using var command = new NpgsqlCommand($"""
            WITH at AS (SELECT coalesce((SELECT last_position FROM es.commits WHERE committed_at <= $1
                ORDER BY committed_at DESC, last_position DESC LIMIT 1), 0) AS position)
            SELECT at.position, hidden.jobs FROM at CROSS JOIN LATERAL (
                SELECT coalesce(array_agg(stream_id), ARRAY[]::text[]) AS jobs FROM (
                    SELECT DISTINCT ON (stream_id) stream_id, event_type FROM es.events
                    WHERE event_type IN ('{JobEventTypes.Hidden}', '{JobEventTypes.Restored}') AND position <= at.position
                    ORDER BY stream_id, position DESC) last
                WHERE event_type = '{JobEventTypes.Hidden}') hidden
            """, connection);
        command.Parameters.AddWithValue(time.UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new AsOf(time, reader.GetInt64(0), reader.GetFieldValue<string[]>(1));
    }

    /// <summary>
    /// The job document with its history as its events up to <see cref="Position"/> fold; null when the job did not
    /// exist then, or was hidden then or is hidden now and hidden jobs were not asked for (a hide holds for the past too).
    /// </summary>
    public async Task<JObject?> JobAsync(NpgsqlConnection connection, string jobUuid, bool includeDeleted, CancellationToken cancellationToken)
    {
        var state = JobState.Initial;
        var hiddenNow = false;
        await using (var command = new NpgsqlCommand(
            "SELECT position, event_type, data::text FROM es.events WHERE stream_id = $1 ORDER BY version", connection))
        {
            command.Parameters.AddWithValue(jobUuid);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var type = reader.GetString(1);
                hiddenNow = type == JobEventTypes.Hidden || (hiddenNow && type != JobEventTypes.Restored);
                if (reader.GetInt64(0) <= Position)
                {
                    state = JobState.Evolve(state, JobEventJson.Deserialize(type, reader.GetString(2)));
                }
            }
        }
        if (!state.Exists || ((state.Deleted || hiddenNow) && !includeDeleted))
        {
            return null;
        }
        var document = JobHistory.Compose(JobDocument.Render(state), await JobHistory.ReadAsync(connection, jobUuid, state.Version, cancellationToken));
        document["as_of"] = JobEventJson.FormatTime(Time);
        return document;
    }
}
