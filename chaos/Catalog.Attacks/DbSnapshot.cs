namespace Catalog.Attacks;

/// <summary>
/// Everything a request could change, reduced to numbers that move whenever it changes: the log head, the streams'
/// versions, the job documents (a version bump, a hidden flag or a new `updated`), pipelines, files, edges, audit
/// records, idempotency records and secrets.
/// </summary>
internal sealed record DbSnapshot(
    long LogHead, long Streams, long StreamVersions, long Documents, long DocumentVersions, long Hidden, DateTime? LastUpdated,
    long Pipelines, long Files, long Edges, long Audit, long Inbox, long Secrets)
{
    public string Diff(DbSnapshot after)
    {
        var changes = new List<string>();
        void Compare<T>(string name, T a, T b)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b))
            {
                changes.Add($"{name} {a} → {b}");
            }
        }
        Compare("es.log_head.last_position", LogHead, after.LogHead);
        Compare("es.streams count", Streams, after.Streams);
        Compare("es.streams versions", StreamVersions, after.StreamVersions);
        Compare("job_documents count", Documents, after.Documents);
        Compare("job_documents versions", DocumentVersions, after.DocumentVersions);
        Compare("job_documents hidden", Hidden, after.Hidden);
        Compare("job_documents max(updated)", LastUpdated, after.LastUpdated);
        Compare("pipelines", Pipelines, after.Pipelines);
        Compare("files", Files, after.Files);
        Compare("lineage_edges", Edges, after.Edges);
        Compare("audit_log", Audit, after.Audit);
        Compare("es.inbox", Inbox, after.Inbox);
        Compare("catalog_secrets", Secrets, after.Secrets);
        return string.Join(", ", changes);
    }
}
