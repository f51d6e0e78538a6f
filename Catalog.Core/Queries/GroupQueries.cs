using Catalog.Core.Groups;
using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Core.Queries;

/// <summary>
/// Reads groups for the query routes: the group from its own stream, its members' states from their job documents. A
/// member is shown when its document names the group and it is not hidden (unless asked); the group's state and counts
/// are derived from the members shown.
/// </summary>
public sealed class GroupQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The list name carried by group-list cursors.</summary>
    public const string List = "groups";

    /// <summary>The group with its members in order; null when there is no such group.</summary>
    public async Task<JObject?> GetAsync(string groupUuid, bool includeDeleted, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var groups = await LoadGroupsAsync(connection, [groupUuid], cancellationToken);
        if (!groups.TryGetValue(groupUuid, out var group))
        {
            return null;
        }
        var members = await MembersAsync(connection, [.. group.Members], includeDeleted, cancellationToken);
        return View(groupUuid, group, members, withMembers: true);
    }

    /// <summary>A page of groups in creation order, each with its state and counts (not its member list).</summary>
    public async Task<Page> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = new List<(string Uuid, DateTime Created)>();
        // The stream type is written out, so the planner can use the partial index of group streams (streams_groups).
        await using (var command = new NpgsqlCommand(page.After is null
            ? $"SELECT stream_id, created_at FROM es.streams WHERE stream_type = '{GroupService.StreamType}' AND version > 0 ORDER BY created_at, stream_id LIMIT $1"
            : $"SELECT stream_id, created_at FROM es.streams WHERE stream_type = '{GroupService.StreamType}' AND version > 0 AND (created_at, stream_id) > ($2, $3) ORDER BY created_at, stream_id LIMIT $1",
            connection))
        {
            command.Parameters.AddWithValue(page.Limit + 1);
            if (page.After is { } after)
            {
                command.Parameters.AddWithValue(after.Time);
                command.Parameters.AddWithValue(after.Key);
            }
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetFieldValue<DateTime>(1)));
            }
        }
        var groups = await LoadGroupsAsync(connection, rows.Take(page.Limit).Select(r => r.Uuid).ToArray(), cancellationToken);
        var members = await MembersAsync(connection, groups.Values.SelectMany(g => g.Members).ToArray(), includeDeleted: false, cancellationToken);
        return Page.Of(rows, page.Limit,
            row => groups.TryGetValue(row.Uuid, out var group) ? View(row.Uuid, group, members, withMembers: false) : new JObject { ["uuid"] = row.Uuid },
            row => PageCursor.At(List, row.Created, row.Uuid));
    }

    private static JObject View(string uuid, GroupState group, IReadOnlyDictionary<string, Member> documents, bool withMembers)
    {
        var members = group.Members.Select(m => documents.GetValueOrDefault(m)).OfType<Member>().Where(m => m.Group == uuid).ToList();
        var view = new JObject
        {
            ["uuid"] = uuid,
            ["name"] = group.Name,
            ["kind"] = GroupDecider.Wire(group.Kind),
            ["owner"] = group.Owner,
            ["created"] = JobEventJson.FormatTime(group.Created),
            ["updated"] = JobEventJson.FormatTime(group.Updated),
            ["state"] = GroupProgress.Derive(group.Kind, members.Select(m => m.State).ToArray()),
            ["member_count"] = members.Count,
            ["counts"] = new JObject(members.GroupBy(m => m.State).OrderBy(g => g.Key)
                .Select(g => new JProperty(g.Key.Wire(), g.Count()))),
        };
        if (withMembers)
        {
            view["members"] = new JArray(members.Select((m, i) => new JObject
            {
                ["position"] = i + 1,
                ["uuid"] = m.Uuid,
                ["state"] = m.State.Wire(),
                ["pipeline_uuid"] = m.PipelineUuid,
                ["updated"] = JobEventJson.FormatTime(m.Updated),
                ["deleted"] = m.Deleted,
            }));
        }
        return view;
    }

    private sealed record Member(string Uuid, JobStatus State, string PipelineUuid, string? Group, DateTimeOffset Updated, bool Deleted);

    private static async Task<Dictionary<string, GroupState>> LoadGroupsAsync(NpgsqlConnection connection, string[] uuids,
        CancellationToken cancellationToken)
    {
        var groups = new Dictionary<string, GroupState>(StringComparer.Ordinal);
        if (uuids.Length == 0)
        {
            return groups;
        }
        await using var command = new NpgsqlCommand("""
            SELECT e.stream_id, e.event_type, e.data::text FROM es.events e JOIN es.streams s USING (stream_id)
            WHERE e.stream_id = ANY($1) AND s.stream_type = $2 ORDER BY e.stream_id, e.version
            """, connection);
        command.Parameters.AddWithValue(uuids);
        command.Parameters.AddWithValue(GroupService.StreamType);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var uuid = reader.GetString(0);
            groups[uuid] = GroupState.Evolve(groups.GetValueOrDefault(uuid) ?? GroupState.Initial,
                GroupEventJson.Deserialize(reader.GetString(1), reader.GetString(2)));
        }
        return groups;
    }

    private static async Task<Dictionary<string, Member>> MembersAsync(NpgsqlConnection connection, string[] jobs,
        bool includeDeleted, CancellationToken cancellationToken)
    {
        var members = new Dictionary<string, Member>(StringComparer.Ordinal);
        if (jobs.Length == 0)
        {
            return members;
        }
        await using var command = new NpgsqlCommand(
            "SELECT uuid, state, pipeline_uuid, group_uuid, updated, deleted FROM job_documents WHERE uuid = ANY($1) AND ($2 OR NOT deleted)", connection);
        command.Parameters.AddWithValue(jobs);
        command.Parameters.AddWithValue(includeDeleted);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            members[reader.GetString(0)] = new Member(reader.GetString(0),
                JobNames.TryParseStatus(reader.GetString(1), out var state) ? state : JobStatus.Created, reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), new DateTimeOffset(reader.GetFieldValue<DateTime>(4), TimeSpan.Zero), reader.GetBoolean(5));
        }
        return members;
    }
}
