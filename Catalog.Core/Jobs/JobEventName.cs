namespace Catalog.Core.Jobs;

/// <summary>
/// The events an agent or admin may send to a job: python-datacatalog's 15 state-machine triggers, in its order, then
/// the catalog's own (cancel, the annotations tag, annotate and measure, which change no state, and expire, which only
/// the catalog sends).
/// </summary>
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
    Cancel,
    Tag,
    Annotate,
    Measure,
    /// <summary>Sent by the catalog itself (actor <c>system</c>) when a run outlives its <c>max_wall_time</c>.</summary>
    Expire,
}
