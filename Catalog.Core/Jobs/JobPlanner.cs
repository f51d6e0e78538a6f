using Catalog.Core.Identifiers;

namespace Catalog.Core.Jobs;

/// <summary>
/// Turns a checked job request into its identity the way python-datacatalog's ManagedPipelineJob does. Pure: the
/// clock and the session-name generator come in as arguments.
/// </summary>
public static class JobPlanner
{
    public static (JobPreview? Preview, string? Error) Preview(JobRequest request, DateTime utcNow, Func<string> sessionName)
    {
        if (!TypedUuid.TryParse(request.PipelineUuid, out var pipelineUuid) || UuidType.Classify(pipelineUuid) != UuidType.Pipeline)
        {
            return (null, $"pipeline_uuid: '{request.PipelineUuid}' is not a pipeline UUID (a UUID whose first three digits are 106).");
        }
        var linkage = Linkage.ResolveChildOf(request.ChildOf);
        if (linkage is LinkageResult.Resolved explicitLinks && request.MetadataField is not null)
        {
            linkage = Linkage.ResolveIdentifiers(request.MetadataIds) switch
            {
                LinkageResult.Resolved fromMetadata => Linkage.ResolveIdentifiers(explicitLinks.ChildOf.Concat(fromMetadata.ChildOf)),
                var rejected => rejected,
            };
        }
        if (linkage is LinkageResult.Rejected rejection)
        {
            return (null, $"{(request.MetadataField ?? "child_of")}: {rejection.Error}");
        }
        var childOf = ((LinkageResult.Resolved)linkage).ChildOf;

        // Without a session the reference names one adjective-animal and stamps it; a too-short session is replaced.
        var session = request.Session ?? sessionName();
        var archivePath = request.ArchivePath ?? JobIdentity.ArchivePath(
            pipelineUuid, childOf, request.Data,
            request.Instanced ? JobIdentity.InstancedDirectory(session, utcNow, sessionName) : null);
        return (new JobPreview(
            JobIdentity.JobUuid(pipelineUuid, childOf, request.Data),
            pipelineUuid,
            archivePath,
            childOf,
            JobIdentity.Linearize(pipelineUuid, childOf, request.Data),
            session), null);
    }
}
