using Catalog.Core.Projections;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npgsql;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Core.JobCommands;

/// <summary>
/// Removes a job for good: its events and delivery keys, everything the projections made of them, in one transaction
/// with an audit record (who, when, how many events). The stream's tombstone keeps its incarnation, so a job created
/// again with the same UUID is a new incarnation, and no token of the purged one works for it.
/// </summary>
public sealed class JobPurge(Store store, ProjectionDaemon projections, JobService jobs)
{
    /// <summary>Returns the number of events removed, or null when there was no such job.</summary>
    public async Task<int?> PurgeAsync(string jobUuid, string actor, CancellationToken cancellationToken)
    {
        var removed = await store.PurgeStreamAsync(jobUuid, async (connection, transaction, events, ct) =>
        {
            await projections.ForgetStreamAsync(connection, transaction, jobUuid, ct);
            await using var audit = new NpgsqlCommand(
                "INSERT INTO audit_log (actor, action, job_uuid, detail) VALUES ($1, 'purge', $2, $3::json)", connection, transaction);
            audit.Parameters.AddWithValue(actor);
            audit.Parameters.AddWithValue(jobUuid);
            audit.Parameters.AddWithValue(new JObject { ["events"] = events }.ToString(Formatting.None));
            await audit.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
        jobs.Forget(jobUuid);
        return removed;
    }
}
