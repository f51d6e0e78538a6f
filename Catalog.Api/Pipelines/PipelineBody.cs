using Catalog.Core.Pipelines;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.Pipelines;

/// <summary>The body of a pipeline registration, as the pipeline document it becomes.</summary>
public sealed record PipelineBody(JObject Document) : IRequestBody<PipelineBody>
{
    public static IReadOnlyList<object> Docs { get; } =
        [new RequestBodyDoc(typeof(PipelineRequestShape), true, "The pipeline definition; its UUID is computed from `id` and `components`.")];

    public static (PipelineBody? Body, BodyProblem? Problem) From(JToken? json)
    {
        var (document, errors) = PipelineRequest.Parse(json);
        return document is null ? (null, BodyProblem.Unprocessable("The pipeline is malformed.", errors)) : (new PipelineBody(document), null);
    }
}
