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

    /// <summary>The row of a job; <paramref name="before"/>, when given, is its state before, so an unchanged search text is not written.</summary>
    public JobDocumentRow(JobState job, JobState? before = null)
    {
        Job = job;
        Document = JobDocument.Stored(job);
        Json = Document.ToString(Formatting.None);
        var search = JobDocumentWriter.SearchText(job);
        Search = before is { Exists: true } && JobDocumentWriter.SearchText(before) == search ? null : search;
    }

    /// <summary>The job's search text when it may have changed; null when it is the one written before.</summary>
    public string? Search { get; }

    public JobState Job { get; }

    public JObject Document { get; }

    public string Json { get; }

    public override IInlineWriter Writer => Documents;

    private sealed class DocumentsWriter : IInlineWriter
    {
        public NpgsqlBatchCommand Write(IReadOnlyList<InlineRow> rows) =>
            JobDocumentWriter.Upsert(JobDocumentWriter.Table, JobDocumentWriter.SearchTable, rows.Cast<JobDocumentRow>().ToList());
    }
}
