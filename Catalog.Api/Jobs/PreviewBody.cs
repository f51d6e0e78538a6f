using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.Jobs;

/// <summary>The body of a preview: a job spec, checked by the preview itself so it can say everything it would refuse.</summary>
public sealed record PreviewBody(JToken Spec) : IRequestBody<PreviewBody>
{
    public static IReadOnlyList<object> Docs { get; } =
        [new RequestBodyDoc(typeof(JobRequestShape), true, "A job spec, as for `POST /api/v1/jobs`.")];

    public static (PreviewBody? Body, BodyProblem? Problem) From(JToken? json) => json is null
        ? (null, BodyProblem.Unprocessable("The body is empty; send a JSON job spec with at least pipeline_uuid."))
        : (new PreviewBody(json), null);
}
