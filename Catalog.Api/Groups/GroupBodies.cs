using Catalog.Core.Groups;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.Groups;

/// <summary>The body of a group creation.</summary>
public sealed record GroupBody(GroupCommand.Create Command) : IRequestBody<GroupBody>
{
    public static IReadOnlyList<object> Docs { get; } =
        [new RequestBodyDoc(typeof(GroupRequestShape), true, "The group's name, kind and owner.")];

    public static (GroupBody? Body, BodyProblem? Problem) From(JToken? json)
    {
        var (command, errors) = GroupRequest.ParseCreate(json);
        return command is null ? (null, BodyProblem.Unprocessable("The group is malformed.", errors)) : (new GroupBody(command), null);
    }
}

/// <summary>The body of a membership request.</summary>
public sealed record MembersBody(IReadOnlyList<string> Jobs) : IRequestBody<MembersBody>
{
    public static IReadOnlyList<object> Docs { get; } =
        [new RequestBodyDoc(typeof(GroupMembersRequestShape), true, "The jobs to add, in order.")];

    public static (MembersBody? Body, BodyProblem? Problem) From(JToken? json)
    {
        var (jobs, errors) = GroupRequest.ParseMembers(json);
        return jobs is null ? (null, BodyProblem.Unprocessable("The members are malformed.", errors)) : (new MembersBody(jobs), null);
    }
}
