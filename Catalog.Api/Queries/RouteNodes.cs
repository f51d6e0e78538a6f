using System.Reflection;
using Catalog.Api.Operations;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Catalog.Api.Queries;

/// <summary>The job a read route's path names: by UUID, or by a canonical identifier it was created for.</summary>
public sealed record JobReference(string Value) : IFromStep, IEndpointMetadataProvider
{
    public override string ToString() => Value;

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) => ApiDocs.Add(builder,
        new ParameterDoc("uuid", ParameterSource.Path,
            "The job UUID (first three digits 107), or a canonical identifier the job was created for (`measurement.tacc.0x1A2B`, "
            + "`sample.…`, `experiment.…`, or their UUIDs): 404 when no job was, 409 listing them when several were. Anything else is a 422.")
        {
            Example = "10776b2c-37b1-5b65-9b2a-d686d198a0fe",
        });
}

/// <summary>The file a read route's path names: by UUID, or by its file id.</summary>
public sealed record FileReference(string Value) : IFromStep, IEndpointMetadataProvider
{
    public override string ToString() => Value;

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) => ApiDocs.Add(builder,
        new ParameterDoc("uuid", ParameterSource.Path,
            "A file UUID (first three digits 105) or a file id (`file.tacc.<hashid>`, looked up among the indexed files: 404 when none "
            + "has it, 409 listing them when several do). Anything else is a 422.")
        {
            Example = "105e4c2f-8f1d-5a43-9e1b-2b7cbd1c7a10",
        });
}

/// <summary>Any lineage node a route's path names: a typed UUID, a canonical identifier or a file id.</summary>
public sealed record NodeReference(string Value) : IFromStep, IEndpointMetadataProvider
{
    public override string ToString() => Value;

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) => ApiDocs.Add(builder,
        new ParameterDoc("uuid", ParameterSource.Path,
            "Any typed UUID (job, pipeline, group, experiment, sample, measurement, file, reference), a canonical identifier "
            + "(`measurement.tacc.0x1A2B`) or a file id (`file.tacc.<hashid>`: 404 when no indexed file has it, 409 when several do). "
            + "Anything else is a 422.")
        {
            Example = "measurement.tacc.0x1A2B",
        });
}

/// <summary>
/// The shared steps of the read routes whose <c>{uuid}</c> also takes the identifiers people hold (one resolver,
/// <see cref="NodeResolver"/>): 422 for what is neither, 404 for an identifier naming nothing the caller may see, 409
/// listing the jobs or files an identifier names when it names several.
/// </summary>
public static class RouteNodes
{
    public static async Task<(JobReference?, Results<UnprocessableProblem, NotFoundProblem, ConflictProblem>?)> JobAsync(string uuid,
        bool includeHidden, CatalogDatabase database, CancellationToken cancellationToken)
    {
        var (found, problem) = await ResolveAsync(uuid, NodeKind.Job, includeHidden, database, cancellationToken);
        return (found is null ? null : new JobReference(found), problem);
    }

    public static async Task<(FileReference?, Results<UnprocessableProblem, NotFoundProblem, ConflictProblem>?)> FileAsync(string uuid,
        bool includeHidden, CatalogDatabase database, CancellationToken cancellationToken)
    {
        var (found, problem) = await ResolveAsync(uuid, NodeKind.File, includeHidden, database, cancellationToken);
        return (found is null ? null : new FileReference(found), problem);
    }

    public static async Task<(NodeReference?, Results<UnprocessableProblem, NotFoundProblem, ConflictProblem>?)> NodeAsync(string uuid,
        CatalogDatabase database, CancellationToken cancellationToken)
    {
        var (found, problem) = await ResolveAsync(uuid, NodeKind.Node, includeHidden: false, database, cancellationToken);
        return (found is null ? null : new NodeReference(found), problem);
    }

    private static async Task<(string?, Results<UnprocessableProblem, NotFoundProblem, ConflictProblem>?)> ResolveAsync(string uuid,
        NodeKind kind, bool includeHidden, CatalogDatabase database, CancellationToken cancellationToken) =>
        await new NodeResolver(database.DataSource).ResolveAsync(uuid, kind, includeHidden, cancellationToken) switch
        {
            NodeResolution.Found found => (found.Uuid, null),
            NodeResolution.Unknown unknown => (null, Problems.NotFound(unknown.Detail)),
            NodeResolution.Several several => (null, Problems.Conflict(several.Detail,
                new Dictionary<string, object?> { [several.Noun] = several.Uuids.ToArray() })),
            NodeResolution.Invalid invalid => (null, Problems.Unprocessable(invalid.Error)),
            _ => throw new InvalidOperationException("A node resolution of an unknown kind."),
        };
}
