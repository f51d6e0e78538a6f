using Npgsql;

namespace Catalog.Core.EventStore;

/// <summary>
/// Rows an append's caller wants committed in the same transaction as its events (an inline projection). The store
/// knows no projection: it groups the committed appends' rows by <see cref="Writer"/> and sends each writer's command
/// in the commit's round trip, after the events.
/// </summary>
public abstract class InlineRow
{
    public abstract IInlineWriter Writer { get; }
}

/// <summary>Writes the inline rows of a commit's appends as one command.</summary>
public interface IInlineWriter
{
    NpgsqlBatchCommand Write(IReadOnlyList<InlineRow> rows);
}
