using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Groups;

/// <summary>The persisted names and JSON bodies of group events.</summary>
public static class GroupEventJson
{
    public const string Created = "group.created.v1";
    public const string MembersAdded = "group.members_added.v1";

    public static string TypeOf(GroupEvent @event) => @event switch
    {
        GroupEvent.Created => Created,
        GroupEvent.MembersAdded => MembersAdded,
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown group event"),
    };

    public static string Serialize(GroupEvent @event)
    {
        var body = @event switch
        {
            GroupEvent.Created created => new JObject
            {
                ["name"] = created.Name, ["kind"] = GroupDecider.Wire(created.Kind), ["owner"] = created.Owner,
            },
            GroupEvent.MembersAdded added => new JObject { ["jobs"] = new JArray(added.Jobs) },
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown group event"),
        };
        body["at"] = JobEventJson.FormatTime(@event.At);
        return body.ToString(Formatting.None);
    }

    public static GroupEvent Deserialize(string type, string json)
    {
        var body = (JObject)PythonJson.Parse(json);
        var at = JobEventJson.ParseTime(body["at"]);
        return type switch
        {
            Created => new GroupEvent.Created((string)body["name"]!,
                GroupDecider.TryParseKind((string?)body["kind"], out var kind) ? kind : GroupKind.Parallel, (string?)body["owner"]) { At = at },
            MembersAdded => new GroupEvent.MembersAdded(((JArray)body["jobs"]!).Select(j => (string)j!).ToArray()) { At = at },
            _ => throw new InvalidDataException($"Unknown group event type '{type}'."),
        };
    }
}
