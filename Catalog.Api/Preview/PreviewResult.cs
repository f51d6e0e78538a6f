using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.Preview;

/// <summary>The preview of one job body as JSON: <c>{uuid, archive_path, child_of, linearized}</c>, or the errors.</summary>
public static class PreviewResult
{
    public static (JObject? Result, IReadOnlyList<string> Errors) Of(JToken? body, DateTime utcNow)
    {
        var (request, errors) = JobRequest.Parse(body);
        if (request is null)
        {
            return (null, errors);
        }
        var (preview, error) = JobPlanner.Preview(request, utcNow, SessionNames.Next);
        if (preview is null)
        {
            return (null, [error!]);
        }
        var result = new JObject
        {
            ["uuid"] = preview.Uuid,
            ["archive_path"] = preview.ArchivePath,
            ["child_of"] = new JArray(preview.ChildOf),
            ["linearized"] = preview.Linearized,
        };
        if (request.IgnoredFields.Count > 0)
        {
            result["ignored_fields"] = new JArray(request.IgnoredFields);
        }
        return (result, []);
    }

    public static string Serialize(JToken value) => value.ToString(Newtonsoft.Json.Formatting.None);

    internal static JToken ParseFile(string text) => PythonJson.Parse(text);
}
