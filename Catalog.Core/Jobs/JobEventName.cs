namespace Catalog.Core.Jobs;

/// <summary>
/// The events an agent or admin may send to a job: python-datacatalog's 15 state-machine triggers, in its order, then
/// the catalog's own (cancel, and the annotations tag, annotate and measure, which change no state).
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
}
