using Catalog.Core.EventStore;
using Catalog.Core.Jobs;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Core.JobCommands;

/// <summary>
/// An admin action's audit record (<c>GET /api/v1/admin/audit</c>), committed with the events it records, so an action
/// is never recorded without its audit row or the other way round: reset, ready, rerun, delete (hide), undelete and
/// token rotation, with the actor, the time of the decision and the reason given. Purges and rebuilds, which append no
/// job event, write theirs directly (<see cref="InsertAsync"/>).
/// </summary>
public sealed class AuditRow(DateTimeOffset at, string actor, string action, string? jobUuid, JObject detail) : InlineRow
{
    private static readonly AuditWriter _writer = new();

    public override IInlineWriter Writer => _writer;

    public DateTimeOffset At => at;
    public string Actor => actor;
    public string Action => action;
    public string? JobUuid => jobUuid;
    public JObject Detail => detail;

    /// <summary>The audit record of a decided command, or null when the command is not an admin action.</summary>
    public static AuditRow? Of(string jobUuid, JobCommand command, JobActor actor, IReadOnlyList<JobEvent> events)
    {
        if (events.Count == 0)
        {
            return null;
        }
        // A sent event is an admin action only as reset or ready; the decided event says which, without parsing again.
        var action = command switch
        {
            JobCommand.Reset => "reset",
            JobCommand.Rerun => "rerun",
            JobCommand.Hide => "delete",
            JobCommand.Restore => "undelete",
            JobCommand.RotateToken => "token",
            JobCommand.Send when events[0] is JobEvent.Progressed { Name: JobEventName.Reset or JobEventName.Ready } progressed => progressed.Name.Wire(),
            _ => null,
        };
        if (action is null)
        {
            return null;
        }
        var detail = new JObject { ["reason"] = command.Reason ?? ReasonOf(command) };
        switch (command)
        {
            case JobCommand.Reset reset:
                detail["clear_archive"] = reset.ClearArchive;
                break;
            case JobCommand.Rerun rerun when rerun.Operation is not null:
                detail["operation"] = rerun.Operation;
                break;
        }
        detail["events"] = new JArray(events.Select(JobEventTypes.Of));
        return new AuditRow(events[0].At, actor.ToString(), action, jobUuid, detail);
    }

    /// <summary>Writes a record that no job event carries (purge, rebuild) in the caller's transaction.</summary>
    public static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string actor, string action,
        string? jobUuid, JObject detail, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO audit_log (actor, action, job_uuid, detail) VALUES ($1, $2, $3, $4::json)", connection, transaction);
        command.Parameters.AddWithValue(actor);
        command.Parameters.AddWithValue(action);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)jobUuid ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.AddWithValue(detail.ToString(Formatting.None));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // A reset or ready sent with data {reason: "..."} gives its reason there; a rerun carries its own.
    private static string? ReasonOf(JobCommand command) => command switch
    {
        JobCommand.Send { Data: JObject data } when data["reason"] is { Type: JTokenType.String } reason => (string?)reason,
        JobCommand.Reset { Data: JObject data } when data["reason"] is { Type: JTokenType.String } reason => (string?)reason,
        _ => null,
    };

    private sealed class AuditWriter : IInlineWriter
    {
        public NpgsqlBatchCommand Write(IReadOnlyList<InlineRow> rows)
        {
            var audits = rows.Cast<AuditRow>().ToList();
            var command = new NpgsqlBatchCommand("""
                INSERT INTO audit_log (at, actor, action, job_uuid, detail)
                SELECT a.at, a.actor, a.action, a.job_uuid, a.detail::json
                FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[]) AS a (at, actor, action, job_uuid, detail)
                """);
            command.Parameters.AddWithValue(audits.Select(a => a.At.UtcDateTime).ToArray());
            command.Parameters.AddWithValue(audits.Select(a => a.Actor).ToArray());
            command.Parameters.AddWithValue(audits.Select(a => a.Action).ToArray());
            command.Parameters.AddWithValue(audits.Select(a => a.JobUuid).ToArray());
            command.Parameters.AddWithValue(audits.Select(a => a.Detail.ToString(Formatting.None)).ToArray());
            return command;
        }
    }
}
