using CsCheck;

namespace Catalog.Attacks;

/// <summary>Paths of each route with the job they aim at (if any): real jobs, their UUIDs in capitals, foreign typed
/// UUIDs, unknown jobs, garbage and traversal segments; the webhook's job travels in its query.</summary>
internal sealed class HostilePaths(HostileWorld world)
{
    public static readonly Gen<string> FileUuid = Gen.Guid.Select(g => TypedUuids.Unknown("105", g));

    /// <summary>Groups the catalog does not know (prefix 112): the route must read the body and answer 404, never 500.</summary>
    public static readonly Gen<string> GroupUuid = Gen.Guid.Select(g => TypedUuids.Unknown("112", g));

    public static Gen<(string, JobHandle?)> Fixed(string path) => Gen.Const((path, (JobHandle?)null));

    public static Gen<(string, JobHandle?)> Segment(string template, Gen<string> good) => Gen.Frequency(
        (4, good.Select(s => (string.Format(template, s), (JobHandle?)null))),
        (1, good.Select(s => (string.Format(template, s.ToUpperInvariant()), (JobHandle?)null))),
        (3, HostileQuery.BadSegment.Select(s => (string.Format(template, s), (JobHandle?)null))));

    /// <summary>A job route's path: mostly a real job (so the body is read), else its UUID in capitals, a foreign typed
    /// UUID (another prefix), an unknown job, or garbage.</summary>
    public Gen<(string, JobHandle?)> Job(string template, IReadOnlyList<JobHandle> jobs)
    {
        var pick = Gen.Int[0, jobs.Count - 1].Select(i => jobs[i]);
        return Gen.Frequency(
            (12, pick.Select(j => (string.Format(template, j.Uuid), (JobHandle?)j))),
            (1, pick.Select(j => (string.Format(template, j.Uuid.ToUpperInvariant()), (JobHandle?)j))),
            (1, Gen.Guid.Select(Gen.OneOf("100", "104", "105", "106", "108", "109", "999", "107"),
                (g, prefix) => (string.Format(template, TypedUuids.Unknown(prefix, g)), (JobHandle?)null))),
            (1, Gen.Const((string.Format(template, world.PipelineUuid), (JobHandle?)null))),
            (2, HostileQuery.BadSegment.Select(s => (string.Format(template, s), (JobHandle?)null))));
    }

    /// <summary>Lineage nodes: jobs, their measurements (canonical identifiers), the pipeline, or garbage.</summary>
    public Gen<(string, JobHandle?)> Node(string template, IReadOnlyList<JobHandle> jobs) => Gen.Frequency(
        (4, Job(template, jobs)),
        (2, Gen.Int[0, jobs.Count - 1].Select(i => (string.Format(template, HostileQuery.Encode(jobs[i].Measurement)), (JobHandle?)null))),
        (1, Gen.Const((string.Format(template, world.PipelineUuid), (JobHandle?)null))));

    /// <summary>The webhook's URL carries the job: uuid, event, status and note as query parameters.</summary>
    public Gen<(string, JobHandle?)> Webhook(IReadOnlyList<JobHandle> jobs) => Gen.Select(
        Job("{0}", jobs), HostileBodies.EventName, Gen.OneOf("RUNNING", "FINISHED", "FAILED", "UPDATED", "bogus", ""), HostileText.Any, Gen.Int[0, 15],
        (job, name, status, note, members) =>
        {
            var query = new List<string> { "uuid=" + job.Item1 };
            if ((members & 1) != 0)
            {
                query.Add("event=" + HostileQuery.Encode(name));
            }
            if ((members & 2) != 0)
            {
                query.Add("status=" + HostileQuery.Encode(status));
            }
            if ((members & 4) != 0)
            {
                query.Add("note=" + HostileQuery.Encode(note.Length > 1000 ? note[..1000] : note));
            }
            if ((members & 8) != 0)
            {
                query.Add("uuid=" + job.Item1);
            }
            return ("/api/v1/webhooks/jobs?" + string.Join('&', query), job.Item2);
        });
}
