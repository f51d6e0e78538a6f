namespace Catalog.Core.Jobs;

/// <summary>The 15 events (state machine triggers) an agent or admin may send to a job.</summary>
public enum JobEventName
{
    Create,
    Run,
    Update,
    Resource,
    Fail,
    Finish,
    Index,
    Indexed,
    Validate,
    Validated,
    Reject,
    Finalize,
    Retire,
    Reset,
    Ready,
}
