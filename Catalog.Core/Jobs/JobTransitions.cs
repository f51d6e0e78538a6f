namespace Catalog.Core.Jobs;

/// <summary>
/// The transition table, kept as data: one row per state, one column per event, null where the event is forbidden.
/// Its first 11 rows and 15 columns are python-datacatalog's table (reference §1.3), cell for cell; the catalog's own
/// events are further columns and CANCELLED a further row, so the reference's agents never meet them.
/// </summary>
public static class JobTransitions
{
    private static JobStatus? No => null;
    private const JobStatus Cr = JobStatus.Created, Ru = JobStatus.Running, Fa = JobStatus.Failed,
        Fi = JobStatus.Finished, Ix = JobStatus.Indexing, Vg = JobStatus.Validating, Vd = JobStatus.Validated,
        Rj = JobStatus.Rejected, Fz = JobStatus.Finalized, Rt = JobStatus.Retired, Rs = JobStatus.Reset,
        Cx = JobStatus.Cancelled;

    // Columns follow JobEventName: create run update resource fail finish index indexed validate validated
    // reject finalize retire reset ready | cancel tag annotate measure expire. Rows follow JobStatus. The annotations (tag,
    // annotate, measure) keep the state, in every state but RESET; expire fails a RUNNING job.
    private static readonly JobStatus?[,] Table =
    {
        /* CREATED    */ { Cr, Ru, Cr, Cr, Fa, No, No, No, No, No, No, No, No, Rs, No, /**/ Cx, Cr, Cr, Cr, No },
        /* RUNNING    */ { No, Ru, Ru, Ru, Fa, Fi, No, No, No, No, No, No, No, Rs, No, /**/ Cx, Ru, Ru, Ru, Fa },
        /* FAILED     */ { No, No, No, No, No, No, No, No, No, No, No, No, Rt, Rs, No, /**/ No, Fa, Fa, Fa, No },
        /* FINISHED   */ { No, No, No, No, No, Fi, Ix, Fi, Vg, No, No, No, Rt, Rs, No, /**/ No, Fi, Fi, Fi, No },
        /* INDEXING   */ { No, No, Ix, No, Fa, No, Ix, Fi, No, No, No, No, No, Rs, No, /**/ Cx, Ix, Ix, Ix, No },
        /* VALIDATING */ { No, No, Vg, No, Fa, No, No, No, No, Vd, Rj, No, Rt, Rs, No, /**/ Cx, Vg, Vg, Vg, No },
        /* VALIDATED  */ { No, No, No, No, No, No, No, No, Vg, Vd, No, Fz, Rt, Rs, No, /**/ No, Vd, Vd, Vd, No },
        /* REJECTED   */ { No, No, No, No, No, No, No, No, No, No, No, No, Rt, Rs, No, /**/ No, Rj, Rj, Rj, No },
        /* FINALIZED  */ { No, No, No, No, No, No, No, No, No, No, No, No, Rt, Rs, No, /**/ No, Fz, Fz, Fz, No },
        /* RETIRED    */ { No, No, No, No, No, No, No, No, No, No, No, No, No, Rs, No, /**/ No, Rt, Rt, Rt, No },
        /* RESET      */ { No, No, No, No, No, No, No, No, No, No, No, No, No, Rs, Cr, /**/ No, No, No, No, No },
        /* CANCELLED  */ { No, No, No, No, No, No, No, No, No, No, No, No, Rt, Rs, No, /**/ No, Cx, Cx, Cx, No },
    };

    /// <summary>The next state, or null when the table forbids the event in this state.</summary>
    public static JobStatus? Next(JobStatus from, JobEventName on) => Table[(int)from, (int)on];

    /// <summary>The events a caller may send in a state, in table order, as wire names (not those only the catalog sends).</summary>
    public static IReadOnlyList<string> Allowed(JobStatus from) =>
        Enum.GetValues<JobEventName>().Where(e => Next(from, e) is not null && !IsSystem(e)).Select(e => e.Wire()).ToArray();

    /// <summary>Events only the catalog itself appends (its system reactor); refused from agents and admins.</summary>
    public static bool IsSystem(JobEventName name) => name is JobEventName.Expire;

    /// <summary>
    /// States in which a job's run is over and nothing more is being done with it: where the retention clock of an
    /// <c>auto_delete</c> job runs.
    /// </summary>
    public static bool IsTerminal(JobStatus status) => status is JobStatus.Finished or JobStatus.Validated or JobStatus.Finalized
        or JobStatus.Failed or JobStatus.Cancelled or JobStatus.Rejected or JobStatus.Retired;

    /// <summary>Events that record something about the job without moving it through its lifecycle.</summary>
    public static bool IsAnnotation(JobEventName name) => name is JobEventName.Tag or JobEventName.Annotate or JobEventName.Measure;

    /// <summary>
    /// States in which the job's run is over (FINISHED and every state after it, FAILED, CANCELLED): the first one
    /// reached is the job's <c>ended</c> time.
    /// </summary>
    public static bool IsEnded(JobStatus status) => status is not (JobStatus.Created or JobStatus.Running or JobStatus.Reset);
}
