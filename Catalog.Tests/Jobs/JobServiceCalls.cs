using System.Runtime.CompilerServices;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Core.Projections;
using Catalog.Core.Projections.Files;
using Catalog.Core.Projections.JobDocuments;
using Catalog.Core.Projections.Lineage;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Tests.Jobs;

/// <summary>
/// The job service as the routes use it, for tests that drive it directly: authorization by token (as the job-token
/// policy checks it), creation with the document answered, the token, the document read back, and purge.
/// </summary>
public static class JobServiceCalls
{
    private static readonly ConditionalWeakTable<NpgsqlDataSource, JobTokenSecret> Secrets = new();

    public static async Task<JobOutcome> HandleAsync(this JobService jobs, string jobUuid, JobCommand command, bool isAdmin, string? token,
        string? deliveryKey, CancellationToken cancellationToken)
    {
        if (isAdmin)
        {
            return await jobs.HandleAsync(jobUuid, command, JobCaller.Admin, deliveryKey, cancellationToken);
        }
        var job = await jobs.LoadAsync(jobUuid, cancellationToken);
        if (!job.Exists)
        {
            return new JobOutcome(JobOutcomeKind.NotFound);
        }
        return (await TokensAsync(jobs)).Verify(job, token)
            ? await jobs.HandleAsync(jobUuid, command, JobCaller.TokenHolder(job), deliveryKey, cancellationToken)
            : new JobOutcome(JobOutcomeKind.Unauthorized);
    }

    /// <summary>Creates or attaches; the document answered is the job's whole document.</summary>
    public static async Task<(JObject Document, bool Created)> CreateAsync(this JobService jobs, JobSpec spec, CancellationToken cancellationToken)
    {
        var outcome = await jobs.CreateOrAttachAsync(spec, cancellationToken);
        var document = await jobs.ReadDocumentAsync(spec.Uuid, includeDeleted: true, cancellationToken);
        return (document!, outcome.Kind == JobOutcomeKind.Appended);
    }

    public static async Task<string?> TokenAsync(this JobService jobs, string jobUuid, CancellationToken cancellationToken)
    {
        var job = await jobs.LoadAsync(jobUuid, cancellationToken);
        return job.Exists ? (await TokensAsync(jobs)).For(jobUuid, job.Incarnation, job.TokenGeneration) : null;
    }

    public static Task<JObject?> ReadDocumentAsync(this JobService jobs, string jobUuid, bool includeDeleted, CancellationToken cancellationToken) =>
        JobDocumentWriter.ReadWholeAsync(jobs.Store.DataSource, jobUuid, includeDeleted, cancellationToken);

    public static Task<int?> PurgeAsync(this JobService jobs, string jobUuid, string actor, CancellationToken cancellationToken) =>
        new JobPurge(jobs.Store, Projections(jobs.Store.DataSource), jobs).PurgeAsync(jobUuid, actor, cancellationToken);

    /// <summary>A daemon over the catalog's projections (not running), for what a purge makes them forget.</summary>
    public static ProjectionDaemon Projections(NpgsqlDataSource dataSource) =>
        new(dataSource, [new JobDocumentsProjection(), new LineageProjection(), new FilesProjection()], NullLogger.Instance);

    private static Task<JobTokens> TokensAsync(JobService jobs) =>
        Secrets.GetValue(jobs.Store.DataSource, source => new JobTokenSecret(source)).TokensAsync(CancellationToken.None);
}
