using Catalog.Core.Identifiers;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Catalog.Webhooks.Http;

/// <summary>Pieces every job route reads the same way: the job UUID in the path and the job token.</summary>
public static class JobRequests
{
    /// <summary>The lower-case job UUID, or a 422 saying what a job UUID looks like.</summary>
    public static (string? Uuid, IResult? Problem) JobUuid(string text) =>
        TypedUuid.TryParse(text, out var uuid) && UuidType.Classify(uuid) == UuidType.PipelineJob
            ? (uuid, null)
            : (null, Problems.Unprocessable($"'{Clip(text)}' is not a job UUID (a UUID whose first three digits are 107)."));

    public static string Clip(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
