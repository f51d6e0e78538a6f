using Catalog.Core.EventStore;
using Catalog.Core.Jobs;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Core.Projections.JobDocuments;

/// <summary>
/// The job an append leads to, its document written in the append's own transaction (the inline projection). The
/// document is rendered and serialized here, by the request that decided, not on the store's single commit thread.
/// </summary>
public sealed class JobDocumentRow : InlineRow
{
    private static readonly IInlineWriter Documents = new DocumentsWriter();

    public JobDocumentRow(JobState job)
    {
        Job = job;
        Document = JobDocument.Stored(job);
        Json = Document.ToString(Formatting.None);
    }

    public JobState Job { get; }

    public JObject Document { get; }

    public string Json { get; }

    public override IInlineWriter Writer => Documents;

    private sealed class DocumentsWriter : IInlineWriter
    {
        public NpgsqlBatchCommand Write(IReadOnlyList<InlineRow> rows) =>
            JobDocumentWriter.Upsert(JobDocumentWriter.Table, rows.Cast<JobDocumentRow>().ToList());
    }
}

/// <summary>
/// A job's search text, committed with the events that changed it (<see cref="JobDocumentWriter.SearchText"/>): written
/// apart from the document, whose row every event rewrites, so the text indexes are written only when the text changes.
/// </summary>
public sealed class JobSearchRow(string jobUuid, string text) : InlineRow
{
    private static readonly IInlineWriter Searches = new SearchWriter();

    public string JobUuid => jobUuid;

    public string Text => text;

    public override IInlineWriter Writer => Searches;

    /// <summary>
    /// The row when a decision changed the job's search text (or created the job); otherwise null. Only a creation, a
    /// tag and an annotate can change it (names and owner are fixed at creation), so the other events of the hot path
    /// build no text at all.
    /// </summary>
    public static JobSearchRow? Of(string jobUuid, JobState before, JobState after, IReadOnlyList<JobEvent> events)
    {
        if (before.Exists && !events.Any(e => e is JobEvent.Progressed { Name: JobEventName.Tag or JobEventName.Annotate }))
        {
            return null;
        }
        var text = JobDocumentWriter.SearchText(after);
        return before.Exists && JobDocumentWriter.SearchText(before) == text ? null : new JobSearchRow(jobUuid, text);
    }

    private sealed class SearchWriter : IInlineWriter
    {
        public NpgsqlBatchCommand Write(IReadOnlyList<InlineRow> rows) =>
            JobDocumentWriter.UpsertSearch(JobDocumentWriter.SearchTable, rows.Cast<JobSearchRow>().Select(r => (r.JobUuid, r.Text)).ToList());
    }
}
