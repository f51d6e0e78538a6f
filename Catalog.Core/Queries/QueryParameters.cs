using System.Globalization;
using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;

namespace Catalog.Core.Queries;

/// <summary>
/// Reads the query-string parameters of the list routes, collecting every problem at once so a client learns all it
/// must fix from one 422. Pure: nothing here touches the database. Blank values count as absent.
/// </summary>
public static class QueryParameters
{
    private static readonly string[] _isoFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>The wire names of the job states, in the order of the state machine.</summary>
    public static IReadOnlyList<string> States { get; } = Enum.GetValues<JobStatus>().Select(s => s.Wire()).ToArray();

    public static (JobListFilter? Filter, IReadOnlyList<string> Errors) JobList(string? state, string? pipelineUuid,
        string? childOf, string? updatedAfter, string? includeDeleted, string? limit, string? after,
        IReadOnlyList<string?>? tags = null, IReadOnlyList<string?>? labels = null, string? owner = null, string? staleAfter = null, string? group = null,
        string? openLineageRunId = null)
    {
        var errors = new List<string>();
        var filter = new JobListFilter
        {
            State = State(state, errors),
            PipelineUuid = Typed(pipelineUuid, "pipeline_uuid", UuidType.Pipeline, errors),
            ChildOf = Identifier(childOf, errors),
            UpdatedAfter = Time(updatedAfter, "updated_after", errors),
            IncludeDeleted = Flag(includeDeleted, "include_deleted", errors),
            Page = Paging(limit, after, JobQueries.List, timed: true, errors),
            Tags = Tags(tags, errors),
            Labels = Labels(labels, errors),
            Owner = IsBlank(owner) ? null : owner!.Trim(),
            StaleAfterSeconds = Seconds(staleAfter, "stale_after", errors),
            Group = Typed(group, "group", UuidType.JobGroup, errors),
            OpenLineageRunId = RunId(openLineageRunId, "openlineage_run_id", errors),
        };
        return errors.Count == 0 ? (filter, errors) : (null, errors);
    }

    /// <summary>The jobs a bulk rerun looks for: a state (required), a pipeline and a time after which they were updated.</summary>
    public static Operations.RerunFilter? RerunFilter(string? state, string? pipelineUuid, string? updatedAfter, List<string> errors)
    {
        if (IsBlank(state))
        {
            errors.Add($"state: required, one of {string.Join(", ", States)} (any case).");
        }
        var wire = State(state, errors);
        var pipeline = Typed(pipelineUuid, "pipeline_uuid", UuidType.Pipeline, errors);
        var after = Time(updatedAfter, "updated_after", errors);
        return wire is not null && JobNames.TryParseStatus(wire, out var status) && errors.Count == 0
            ? new Operations.RerunFilter(status, pipeline, after)
            : null;
    }

    /// <summary>The OpenLineage log's filters (<c>run_id</c>, <c>job_uuid</c>, <c>namespace</c>, <c>name</c>) with its paging.</summary>
    public static (OpenLineage.OpenLineageLogFilter? Filter, PageRequest? Page, IReadOnlyList<string> Errors) OpenLineageLog(string? runId,
        string? jobUuid, string? ns, string? name, string? limit, string? after)
    {
        var errors = new List<string>();
        var filter = new OpenLineage.OpenLineageLogFilter(RunId(runId, "run_id", errors), Typed(jobUuid, "job_uuid", UuidType.PipelineJob, errors),
            Name(ns, "namespace", errors), Name(name, "name", errors));
        var page = Paging(limit, after, OpenLineage.OpenLineageLog.List, timed: false, errors);
        return errors.Count == 0 ? (filter, page, errors) : (null, null, errors);
    }

    // An OpenLineage namespace or name, matched exactly.
    private static string? Name(string? text, string name, List<string> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (text.Length > OpenLineage.OpenLineageEvent.MaxNameLength)
        {
            errors.Add($"{name}: at most {OpenLineage.OpenLineageEvent.MaxNameLength} characters.");
            return null;
        }
        return text;
    }

    private static string? RunId(string? text, string name, List<string> errors)
    {
        if (IsBlank(text))
        {
            return null;
        }
        if (Guid.TryParse(text!.Trim(), out var id))
        {
            return id.ToString("D");
        }
        errors.Add($"{name}: must be an OpenLineage run id (a UUID).");
        return null;
    }

    private static long? Seconds(string? text, string name, List<string> errors)
    {
        if (IsBlank(text))
        {
            return null;
        }
        if (long.TryParse(text!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= JobRequest.MaxSeconds)
        {
            return seconds;
        }
        errors.Add($"{name} must be a whole number of seconds from 1 to {JobRequest.MaxSeconds}, not '{Clip(text)}'.");
        return null;
    }

    // Each ?tag= must hold (all of them); a blank one is absent.
    private static string[] Tags(IReadOnlyList<string?>? values, List<string> errors)
    {
        var tags = (values ?? []).Where(v => !IsBlank(v)).Select(v => v!.Trim()).Distinct().ToArray();
        errors.AddRange(tags.Select(JobEventData.TagProblem).OfType<string>().Select(p => $"tag: {p}"));
        return tags.Length == 0 ? [] : tags;
    }

    // ?label=key:value, each must hold; stored labels are 'key:value' texts (JobDocumentWriter.Label).
    private static string[] Labels(IReadOnlyList<string?>? values, List<string> errors)
    {
        var labels = new List<string>();
        foreach (var value in (values ?? []).Where(v => !IsBlank(v)).Select(v => v!.Trim()))
        {
            var colon = value.IndexOf(':');
            if (colon <= 0 || JobEventData.LabelProblem(value[..colon], value[(colon + 1)..]) is not null)
            {
                errors.Add($"label must be key:value (a label key holds no ':'), not '{Clip(value)}'.");
                continue;
            }
            labels.Add(value);
        }
        // An empty filter is the shared empty array, so filters compare equal by value.
        return labels.Count == 0 ? [] : [.. labels];
    }

    /// <summary><c>?limit=</c> (1..1000, default 100) and <c>?after=</c> (a cursor this list handed out).</summary>
    public static (PageRequest? Page, IReadOnlyList<string> Errors) Page(string? limit, string? after, string list, bool timed)
    {
        var errors = new List<string>();
        var page = Paging(limit, after, list, timed, errors);
        return errors.Count == 0 ? (page, errors) : (null, errors);
    }

    /// <summary>The audit log's <c>?job_uuid=</c> (a job UUID, normalised) with its paging.</summary>
    public static (string? JobUuid, PageRequest? Page, IReadOnlyList<string> Errors) Audit(string? jobUuid, string? limit, string? after)
    {
        var errors = new List<string>();
        var job = Typed(jobUuid, "job_uuid", UuidType.PipelineJob, errors);
        var page = Paging(limit, after, AuditQueries.List, timed: false, errors);
        return errors.Count == 0 ? (job, page, errors) : (null, null, errors);
    }

    /// <summary><c>true</c> or <c>false</c> in any case; absent is false.</summary>
    public static (bool Value, string? Error) Flag(string? text, string name)
    {
        var errors = new List<string>();
        var value = Flag(text, name, errors);
        return (value, errors.FirstOrDefault());
    }

    private static PageRequest Paging(string? limit, string? after, string list, bool timed, List<string> errors)
    {
        var size = PageRequest.DefaultLimit;
        if (!IsBlank(limit) && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size)
            || size < 1 || size > PageRequest.MaxLimit))
        {
            errors.Add($"limit must be a whole number from 1 to {PageRequest.MaxLimit}, not '{Clip(limit!)}'.");
        }
        PageCursor? cursor = null;
        if (!IsBlank(after) && !PageCursor.TryDecode(after!.Trim(), list, timed, out cursor))
        {
            errors.Add("after must be the 'next' cursor of a previous page of this list, passed back unchanged.");
        }
        return new PageRequest(size, cursor);
    }

    private static string? State(string? text, List<string> errors)
    {
        if (IsBlank(text))
        {
            return null;
        }
        if (JobNames.TryParseStatus(text!.Trim(), out var status))
        {
            return status.Wire();
        }
        errors.Add($"state must be one of {string.Join(", ", States)} (any case), not '{Clip(text)}'.");
        return null;
    }

    private static string? Typed(string? text, string name, UuidType type, List<string> errors)
    {
        if (IsBlank(text))
        {
            return null;
        }
        if (TypedUuid.TryParse(text!.Trim(), out var uuid) && UuidType.ClassifyCatalog(uuid) == type)
        {
            return uuid;
        }
        errors.Add($"{name} must be a {type.Name} UUID (a UUID whose first three digits are {type.Prefix}), not '{Clip(text)}'.");
        return null;
    }

    private static string? Identifier(string? text, List<string> errors)
    {
        if (IsBlank(text))
        {
            return null;
        }
        switch (Linkage.ResolveIdentifier(text!.Trim()))
        {
            case IdentifierResolution.Resolved resolved:
                return resolved.Uuid;
            case IdentifierResolution.Rejected rejected:
                errors.Add($"child_of must be a typed UUID or a canonical identifier such as measurement.tacc.0xDEADBEEF: {rejected.Error}");
                break;
        }
        return null;
    }

    /// <summary><c>?as_of=</c>: an ISO 8601 time (UTC when it has no offset); null when absent.</summary>
    public static (DateTimeOffset? Time, string? Error) AsOf(string? text)
    {
        var errors = new List<string>();
        var time = Time(text, "as_of", errors);
        return (time is { } utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null, errors.FirstOrDefault());
    }

    private static DateTime? Time(string? text, string name, List<string> errors)
    {
        if (IsBlank(text))
        {
            return null;
        }
        // A time without an offset is UTC, like every time the catalog writes. An unescaped '+' of an offset arrives
        // as a space (form encoding); the accepted forms have no other space, so it can only mean '+'.
        if (DateTimeOffset.TryParseExact(text!.Trim().Replace(' ', '+'), _isoFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.UtcDateTime;
        }
        errors.Add($"{name} must be an ISO 8601 time such as 2026-11-24T01:02:03.456Z, not '{Clip(text)}'.");
        return null;
    }

    private static bool Flag(string? text, string name, List<string> errors)
    {
        if (IsBlank(text))
        {
            return false;
        }
        if (bool.TryParse(text!.Trim(), out var value))
        {
            return value;
        }
        errors.Add($"{name} must be true or false, not '{Clip(text)}'.");
        return false;
    }

    private static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);

    /// <summary>Request text as the catalog's messages quote it: at most 80 characters.</summary>
    internal static string Clip(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
