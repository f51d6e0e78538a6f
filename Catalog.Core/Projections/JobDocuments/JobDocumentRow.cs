using Catalog.Core.EventStore;
using Npgsql;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Projections.JobDocuments;

/// <summary>The job document an append leads to, written in the append's own transaction (the inline projection).</summary>
public sealed class JobDocumentRow(JObject document) : InlineRow
{
    private static readonly IInlineWriter Documents = new DocumentsWriter();

    public JObject Document { get; } = document;

    public override IInlineWriter Writer => Documents;

    private sealed class DocumentsWriter : IInlineWriter
    {
        public NpgsqlBatchCommand Write(IReadOnlyList<InlineRow> rows) =>
            JobDocumentWriter.Upsert(JobDocumentWriter.Table, rows.Cast<JobDocumentRow>().Select(r => r.Document).ToList());
    }
}
