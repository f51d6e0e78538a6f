using Catalog.Core.Groups;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Core.Lineage;
using Catalog.Core.Projections.JobDocuments;
using Newtonsoft.Json.Linq;
using Catalog.Webhooks.Http;
using Npgsql;

namespace Catalog.Api.Jobs;

/// <summary>From a checked request and its resolved identity to the spec the job's first event carries.</summary>
public static class JobCreation
{
    public static JobSpec Spec(JobRequest request, JobPreview preview)
    {
        var references = DataReferences.From(request.Data, request.Inputs);
        return new JobSpec
        {
            Uuid = preview.Uuid,
            PipelineUuid = preview.PipelineUuid,
            Data = request.Data,
            ChildOf = preview.ChildOf,
            ArchivePath = preview.ArchivePath,
            ArchiveSystem = request.ArchiveSystem,
            ArchivePatterns = request.ArchivePatterns,
            ProductPatterns = request.ProductPatterns,
            Session = preview.Session,
            Agent = request.Agent,
            Task = request.Task,
            GeneratedBy = [preview.PipelineUuid],
            ActedOn = references.ActedOn,
            ActedUsing = references.ActedUsing,
            Owner = request.Owner,
            Notes = request.Notes,
            Tags = request.Tags,
            Labels = new SortedDictionary<string, string>(request.Labels.ToDictionary(), StringComparer.Ordinal),
            MaxWallTime = request.MaxWallTime,
            AutoDelete = request.AutoDelete,
            CompletionTtl = request.CompletionTtl,
            DependsOn = request.DependsOn,
            Group = request.Group,
            Names = Names(request),
        };
    }

    /// <summary>The canonical identifiers among the request's linkage, by the UUID each resolves to (UUIDs name nothing).</summary>
    public static SortedDictionary<string, string> Names(JobRequest request)
    {
        var names = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in request.ChildOf.Concat(request.MetadataIds))
        {
            if (!Catalog.Core.Identifiers.TypedUuid.IsValid(text)
                && Catalog.Core.Identifiers.Linkage.ResolveIdentifier(text) is Catalog.Core.Identifiers.IdentifierResolution.Resolved resolved)
            {
                names.TryAdd(resolved.Uuid, text);
            }
        }
        return names;
    }

    /// <summary>
    /// A job may depend only on jobs that exist (as their streams say; a hidden one does not), and not on itself: a
    /// typo in a UUID would otherwise hold its runs back for ever.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DependencyProblemsAsync(JobRequest request, JobPreview preview, JobService jobs,
        CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        for (var i = 0; i < request.DependsOn.Count; i++)
        {
            var job = request.DependsOn[i].Job;
            if (job == preview.Uuid)
            {
                problems.Add($"depends_on[{i}].job: is this job itself.");
            }
            else if (await jobs.LoadAsync(job, cancellationToken) is not { Exists: true, Deleted: false })
            {
                problems.Add($"depends_on[{i}].job: no job {job}.");
            }
        }
        return problems;
    }

    /// <summary>
    /// A new job given a <c>group</c> is listed in the group's stream before it is created, so a job that names a group
    /// is always one of its members (a crash in between leaves the group listing a job still to be created, which the
    /// creation's retry creates). A job that exists already stays where it is.
    /// </summary>
    public static async Task<UnprocessableProblem?> JoinFirstAsync(JobSpec spec, string group, JobActor actor, JobService jobs,
        GroupService groups, CancellationToken cancellationToken)
    {
        var noGroup = Problems.Unprocessable("The job's group cannot be used.", [$"group: no group {group}; create it with POST /api/v1/groups."]);
        if ((await jobs.LoadAsync(spec.Uuid, cancellationToken)).Exists)
        {
            return (await groups.LoadAsync(group, cancellationToken)).Exists ? null : noGroup;
        }
        // Listing the new job reads the group's stream, and refuses a group that does not exist.
        var joined = await groups.HandleAsync(group, new GroupCommand.AddMembers([spec.Uuid]), actor, cancellationToken);
        return joined switch
        {
            { Rejection.NotFound: true } => noGroup,
            { Rejection: { } refused } => Problems.Unprocessable("The job's group cannot be used.", [$"group: {refused.Message}"]),
            { Unstorable: { } problem } => Problems.Unprocessable($"The request cannot be stored: {problem}. Nothing was recorded."),
            _ => null,
        };
    }

    /// <summary>
    /// The catalog's creation fields this request gives with values other than the existing job's: a creation that
    /// attaches changes nothing, so its answer names them (tag and annotate events change tags, labels and notes).
    /// </summary>
    public static IReadOnlyList<string> IgnoredChanges(JobSpec requested, JobSpec recorded, IReadOnlySet<string> given)
    {
        var differs = new (string Field, bool Differs)[]
        {
            ("owner", requested.Owner != recorded.Owner),
            ("notes", requested.Notes != recorded.Notes),
            ("tags", !requested.Tags.SequenceEqual(recorded.Tags)),
            ("labels", !requested.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).SequenceEqual(recorded.Labels.OrderBy(l => l.Key, StringComparer.Ordinal))),
            ("max_wall_time", requested.MaxWallTime != recorded.MaxWallTime),
            ("auto_delete", requested.AutoDelete != recorded.AutoDelete),
            ("completion_ttl", requested.CompletionTtl != recorded.CompletionTtl),
            ("depends_on", !requested.DependsOn.SequenceEqual(recorded.DependsOn)),
            ("group", requested.Group != recorded.Group),
        };
        return differs.Where(d => d.Differs && given.Contains(d.Field)).Select(d => d.Field).ToArray();
    }

    /// <summary>The compatibility webhook URL with the job's UUID and token filled in; works with a bare <c>curl -X POST</c>.</summary>
    public static string Webhook(string baseUrl, string jobUuid, string token) =>
        $"{baseUrl.TrimEnd('/')}/api/v1/webhooks/jobs?uuid={jobUuid}&token={token}";

    /// <summary>
    /// The job's document with its history, rendered from its state and read from its own events; a job whose only event
    /// is its creation (the usual answer to a creation) has that one entry, so nothing is read.
    /// </summary>
    public static async Task<JObject> DocumentAsync(NpgsqlDataSource dataSource, JobState state, CancellationToken cancellationToken)
    {
        if (state.Version == 1)
        {
            return JobHistory.Compose(JobDocument.Render(state),
                [JobHistory.Entry(state.Spec!.Uuid, 1, new JobEvent.Created(state.Spec) { At = state.Created })!]);
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return JobHistory.Compose(JobDocument.Render(state),
            await JobHistory.ReadAsync(connection, state.Spec!.Uuid, state.Version, cancellationToken));
    }

    /// <summary>
    /// The job document as answered at creation: the document plus its token and webhook; when the job existed, the
    /// answer says that nothing of this request changed it.
    /// </summary>
    public static JObject Answer(JObject document, string token, string webhook, bool existed, IReadOnlyList<string> ignoredChanges)
    {
        var answer = (JObject)document.DeepClone();
        answer["token"] = token;
        answer["webhook"] = webhook;
        if (existed)
        {
            answer["attached"] = true;
            answer["ignored_changes"] = new JArray(ignoredChanges);
        }
        return answer;
    }
}
