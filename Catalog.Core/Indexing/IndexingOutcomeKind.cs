namespace Catalog.Core.Indexing;

public enum IndexingOutcomeKind
{
    /// <summary>The job went through <c>index</c> … <c>indexed</c> and is FINISHED again.</summary>
    Indexed,
    /// <summary>No such job, or it is hidden.</summary>
    NotFound,
    /// <summary>The job token is missing or wrong.</summary>
    Unauthorized,
    /// <summary>The requests, patterns, references or archive folder are not usable; the job was not touched.</summary>
    Invalid,
    /// <summary>The state machine refused (<see cref="IndexingOutcome.Job"/> says why); nothing more was recorded.</summary>
    Rejected,
    /// <summary>Stopped after <c>index</c>: the job stays INDEXING and <c>index</c> may be sent again.</summary>
    Interrupted,
}
