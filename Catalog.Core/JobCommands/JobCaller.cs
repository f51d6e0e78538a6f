using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.JobCommands;

/// <summary>
/// Who sends a command, as authorization established it: an admin, or the holder of the token of one incarnation and
/// token generation of the job. A rotation or a purge between that check and the decision makes the holder's command
/// unauthorized, because the decision is taken on the state it checks against. <see cref="Actor"/> is recorded with
/// every event the command appends.
/// </summary>
public sealed record JobCaller(bool IsAdmin, int Incarnation, int TokenGeneration)
{
    /// <summary>Admin rights with no named actor (the catalog's own follow-up appends name theirs with <see cref="AdminAs"/>).</summary>
    public static JobCaller Admin { get; } = new(true, 0, 0);

    /// <summary>The catalog itself (its system reactor).</summary>
    public static JobCaller System { get; } = Admin with { Actor = JobActor.System };

    public JobActor Actor { get; init; } = JobActor.Unnamed;

    /// <summary>An admin key's holder, or an agent acting with admin rights where a route grants them (creating a job).</summary>
    public static JobCaller AdminAs(JobActor actor) => Admin with { Actor = actor };

    /// <summary>The holder of the job's current token.</summary>
    public static JobCaller TokenHolder(JobState job) => new(false, job.Incarnation, job.TokenGeneration) { Actor = JobActor.JobToken };

    public bool Admits(JobState job) => IsAdmin || (job.Incarnation == Incarnation && job.TokenGeneration == TokenGeneration);
}

/// <summary>
/// Who an event is recorded as coming from: <c>{kind: admin|agent|job|system, name}</c>. A key's name is the one it was
/// configured with, or a short fingerprint of it; never the key.
/// </summary>
public sealed record JobActor(string Kind, string Name)
{
    public static JobActor System { get; } = new("system", JobDecider.SystemActor);
    public static JobActor JobToken { get; } = new("job", "job-token");
    public static JobActor Unnamed { get; } = new("admin", "unnamed");

    /// <summary>From the request log's form <c>kind:name</c> (<c>admin:lab-robot</c>, <c>agent:1a2b3c4d</c>).</summary>
    public static JobActor Parse(string actor) => actor.IndexOf(':') is > 0 and var colon
        ? new JobActor(actor[..colon], actor[(colon + 1)..])
        : actor == "job-token" ? JobToken : new JobActor("anonymous", actor);

    public JObject Json() => new() { ["kind"] = Kind, ["name"] = Name };

    public override string ToString() => $"{Kind}:{Name}";
}
