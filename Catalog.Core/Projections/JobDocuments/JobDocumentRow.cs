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
            JobDocumentWriter.Upsert(JobDocumentWriter.Table, JobDocumentWriter.SearchTable, rows.Cast<JobDocumentRow>().ToList());
    }
}
