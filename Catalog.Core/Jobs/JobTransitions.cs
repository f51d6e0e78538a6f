namespace Catalog.Core.Jobs;

/// <summary>
/// The transition table of python-datacatalog's job state machine (reference §1.3), kept as data:
/// one row per state, one column per event, null where the event is forbidden.
/// </summary>
public static class JobTransitions
{
    private static JobStatus? No => null;
    private const JobStatus Cr = JobStatus.Created, Ru = JobStatus.Running, Fa = JobStatus.Failed,
        Fi = JobStatus.Finished, Ix = JobStatus.Indexing, Vg = JobStatus.Validating, Vd = JobStatus.Validated,
        Rj = JobStatus.Rejected, Fz = JobStatus.Finalized, Rt = JobStatus.Retired, Rs = JobStatus.Reset;

    // Columns follow JobEventName: create run update resource fail finish index indexed validate validated
    // reject finalize retire reset ready. Rows follow JobStatus.
    private static readonly JobStatus?[,] Table =
    {
        /* CREATED    */ { Cr, Ru, Cr, Cr, Fa, No, No, No, No, No, No, No, No, Rs, No },
        /* RUNNING    */ { No, Ru, Ru, Ru, Fa, Fi, No, No, No, No, No, No, No, Rs, No },
        /* FAILED     */ { No, No, No, No, No, No, No, No, No, No, No, No, Rt, Rs, No },
        /* FINISHED   */ { No, No, No, No, No, Fi, Ix, Fi, Vg, No, No, No, Rt, Rs, No },
        /* INDEXING   */ { No, No, Ix, No, Fa, No, Ix, Fi, No, No, No, No, No, Rs, No },
        /* VALIDATING */ { No, No, Vg, No, Fa, No, No, No, No, Vd, Rj, No, Rt, Rs, No },
        /* VALIDATED  */ { No, No, No, No, No, No, No, No, Vg, Vd, No, Fz, Rt, Rs, No },
        /* REJECTED   */ { No, No, No, No, No, No, No, No, No, No, No, No, Rt, Rs, No },
        /* FINALIZED  */ { No, No, No, No, No, No, No, No, No, No, No, No, Rt, Rs, No },
        /* RETIRED    */ { No, No, No, No, No, No, No, No, No, No, No, No, No, Rs, No },
        /* RESET      */ { No, No, No, No, No, No, No, No, No, No, No, No, No, Rs, Cr },
    };

    /// <summary>The next state, or null when the table forbids the event in this state.</summary>
    public static JobStatus? Next(JobStatus from, JobEventName on) => Table[(int)from, (int)on];

    /// <summary>The events accepted in a state, in table order, as wire names.</summary>
    public static IReadOnlyList<string> Allowed(JobStatus from) =>
        Enum.GetValues<JobEventName>().Where(e => Next(from, e) is not null).Select(e => e.Wire()).ToArray();
}
