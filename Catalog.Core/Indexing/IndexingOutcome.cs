using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;

namespace Catalog.Core.Indexing;

/// <summary>What an indexing run came to: the files it recorded, or why it did not run or stopped.</summary>
public sealed record IndexingOutcome
{
    public required IndexingOutcomeKind Kind { get; init; }

    /// <summary>Why it did not run or stopped, for the problem's <c>detail</c>.</summary>
    public string Detail { get; init; } = "";

    /// <summary>Every problem found in the requests (<see cref="IndexingOutcomeKind.Invalid"/>).</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>The job service's answer: to <c>indexed</c> when indexed, the refusal when rejected.</summary>
    public JobOutcome? Job { get; init; }

    /// <summary>The files recorded, by name; at most <see cref="IndexingOptions.MaxListedFiles"/>.</summary>
    public IReadOnlyList<IndexedFile> Files { get; init; } = [];

    /// <summary>How many files were recorded (more than <see cref="Files"/> when the list was cut).</summary>
    public int Count { get; init; }
}
