using Catalog.Core.Jobs;
using Catalog.Core.Requests;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.Jobs;

/// <summary>The body of a job creation: a job spec as python-datacatalog's agents send it.</summary>
public sealed record JobBody(JobRequest Request) : IRequestBody<JobBody>
{
    public static IReadOnlyList<object> Docs { get; } =
        [new RequestBodyDoc(typeof(JobRequestShape), true, "The job spec: its pipeline, parameters and linkage (which make its UUID).")];

    public static (JobBody? Body, BodyProblem? Problem) From(JToken? json)
    {
        var (job, errors) = JobRequest.Parse(json);
        if (job is null)
        {
            return (null, BodyProblem.Unprocessable("The job spec is malformed.", errors));
        }
        return StorableJson.FirstNonFinite(job.Data, "data") is { } path
            ? (null, BodyProblem.Unprocessable($"{path}: NaN and Infinity cannot be stored; send a number or a string."))
            : (new JobBody(job), null);
    }
}
