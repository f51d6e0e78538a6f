using Catalog.Core.Identifiers;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Pipelines;

/// <summary>A pipeline registration body: <c>{id?, name, description?, components}</c>, checked field by field.</summary>
public static class PipelineRequest
{
    /// <summary>The stored pipeline document (uuid computed as python-datacatalog does) or the problems found.</summary>
    public static (JObject? Document, IReadOnlyList<string> Errors) Parse(JToken? body)
    {
        if (body is not JObject json)
        {
            return (null, ["The body must be a JSON object with name and components."]);
        }
        var errors = new List<string>();
        if (json["name"] is not { Type: JTokenType.String } name || string.IsNullOrWhiteSpace((string?)name))
        {
            errors.Add("name: required, a non-empty string.");
        }
        if (json["id"] is { Type: not JTokenType.String and not JTokenType.Null })
        {
            errors.Add("id: must be a string.");
        }
        if (json["description"] is { Type: not JTokenType.String and not JTokenType.Null })
        {
            errors.Add("description: must be a string.");
        }
        if (json["components"] is not JArray components)
        {
            errors.Add("components: required, a list of objects.");
        }
        else if (components.Any(c => c.Type != JTokenType.Object))
        {
            errors.Add("components: every component must be an object.");
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var definition = new JObject { ["components"] = json["components"]!.DeepClone() };
        if (json["id"] is { Type: JTokenType.String } id)
        {
            definition["id"] = id.DeepClone();
        }
        var document = (JObject)json.DeepClone();
        document["uuid"] = PipelineIdentity.Uuid(definition);
        return (document, []);
    }
}
