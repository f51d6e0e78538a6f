using System.Text.RegularExpressions;
using Catalog.Core.Identifiers;
using Npgsql;

namespace Catalog.Core.Queries;

/// <summary>What a read route's <c>{uuid}</c> has to name: a job, a file, or any lineage node.</summary>
public enum NodeKind
{
    Job,
    File,
    Node,
}

/// <summary>What a read route's <c>{uuid}</c> resolved to: one UUID, or why not (422, 404 or 409).</summary>
public abstract record NodeResolution
{
    private NodeResolution()
    {
    }

    public sealed record Found(string Uuid) : NodeResolution;

    /// <summary>Neither a UUID of the route's kind nor an identifier it takes.</summary>
    public sealed record Invalid(string Error) : NodeResolution;

    /// <summary>A well-formed identifier that names nothing the caller may see.</summary>
    public sealed record Unknown(string Detail) : NodeResolution;

    /// <summary>An identifier that names several jobs or files (<paramref name="Noun"/>), listed by UUID.</summary>
    public sealed record Several(string Detail, string Noun, IReadOnlyList<string> Uuids) : NodeResolution;
}

/// <summary>
/// The one resolver of the read routes' <c>{uuid}</c>: besides the UUID itself it takes the identifiers people hold.
/// A canonical identifier (<c>measurement.tacc.0x1A2B</c>, <c>sample.…</c>, <c>experiment.…</c>) is the UUID
/// python-datacatalog computes for it; on a job route it names the jobs that are child_of that node. A file id
/// (<c>file.tacc.&lt;hashid&gt;</c>) is a hash of the storage system and path that cannot be inverted, so it is looked
/// up in the files table. Hidden jobs, and the files of hidden jobs, are only found when asked for.
/// </summary>
public sealed partial class NodeResolver(NpgsqlDataSource dataSource)
{
    /// <summary>The most jobs or files a 409 lists.</summary>
    public const int MaxListed = 100;

    private const int MaxLength = 256;

    public async Task<NodeResolution> ResolveAsync(string text, NodeKind kind, bool includeHidden, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reference = Uri.UnescapeDataString(text).Trim();
        if (reference.Length is 0 or > MaxLength || StorableText.Problem(reference) is not null)
        {
            return Invalid(text, kind);
        }
        if (FileId().IsMatch(reference))
        {
            return kind == NodeKind.Job ? Invalid(text, kind) : await FileAsync(reference, includeHidden, cancellationToken);
        }
        if (kind == NodeKind.Node && Lineage.LineageRequest.CatalogNode(reference) is { } own)
        {
            return new NodeResolution.Found(own);
        }
        if (Linkage.ResolveIdentifier(reference) is not IdentifierResolution.Resolved resolved)
        {
            return Invalid(text, kind);
        }
        if (kind == NodeKind.Node || resolved.Type == (kind == NodeKind.Job ? UuidType.PipelineJob : UuidType.File))
        {
            return new NodeResolution.Found(resolved.Uuid);
        }
        return kind == NodeKind.Job && IsLinkage(resolved.Type)
            ? await JobsOfAsync(reference, resolved.Uuid, includeHidden, cancellationToken)
            : Invalid(text, kind);
    }

    /// <summary>What a route of <paramref name="kind"/> takes, for its 422 and its documentation.</summary>
    public static string Accepted(NodeKind kind) => kind switch
    {
        NodeKind.Job => "a job UUID (first three digits 107), or a canonical identifier such as measurement.tacc.0x1A2B (sample.…, "
            + "experiment.…, experiment_design.…) naming the job created for it",
        NodeKind.File => "a file UUID (first three digits 105) or a file id such as file.tacc.1a2B3c",
        _ => "a typed UUID, a canonical identifier such as measurement.tacc.0x1A2B or a file id such as file.tacc.1a2B3c",
    };

    private static NodeResolution.Invalid Invalid(string text, NodeKind kind) =>
        new($"'{QueryParameters.Clip(text)}' is not {Accepted(kind)}.");

    private static bool IsLinkage(UuidType type) =>
        type == UuidType.Measurement || type == UuidType.Sample || type == UuidType.Experiment || type == UuidType.ExperimentDesign;

    private async Task<NodeResolution> JobsOfAsync(string reference, string uuid, bool includeHidden, CancellationToken cancellationToken)
    {
        var jobs = await UuidsAsync(
            "SELECT uuid FROM job_documents WHERE child_of @> ARRAY[$1]::text[] AND ($2 OR NOT deleted) ORDER BY created, uuid LIMIT $3",
            uuid, includeHidden, cancellationToken);
        return jobs.Count switch
        {
            0 => new NodeResolution.Unknown($"No job was created for '{QueryParameters.Clip(reference)}' ({uuid})."),
            1 => new NodeResolution.Found(jobs[0]),
            _ => new NodeResolution.Several(
                $"Jobs {string.Join(", ", jobs)} were created for '{QueryParameters.Clip(reference)}'; ask for one by its UUID.", "jobs", jobs),
        };
    }

    private async Task<NodeResolution> FileAsync(string fileId, bool includeHidden, CancellationToken cancellationToken)
    {
        var files = await UuidsAsync(
            "SELECT uuid FROM files WHERE file_id = $1 AND ($2 OR NOT hidden) ORDER BY uuid LIMIT $3", fileId, includeHidden, cancellationToken);
        return files.Count switch
        {
            0 => new NodeResolution.Unknown($"No indexed file has the file id '{fileId}'."),
            1 => new NodeResolution.Found(files[0]),
            _ => new NodeResolution.Several(
                $"Files {string.Join(", ", files)} have the file id '{fileId}'; ask for one by its UUID.", "files", files),
        };
    }

    private async Task<List<string>> UuidsAsync(string sql, string key, bool includeHidden, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue(key);
        command.Parameters.AddWithValue(includeHidden);
        command.Parameters.AddWithValue(MaxListed);
        var uuids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            uuids.Add(reader.GetString(0));
        }
        return uuids;
    }

    // python-datacatalog's file ids: the prefix and a hashid of the default alphabet.
    [GeneratedRegex("^file\\.tacc\\.[a-zA-Z0-9]{1,128}$")]
    private static partial Regex FileId();
}
