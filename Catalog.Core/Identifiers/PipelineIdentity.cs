using Newtonsoft.Json.Linq;

namespace Catalog.Core.Identifiers;

/// <summary>
/// The pipeline UUID of python-datacatalog's PipelineStore: the pipeline id and its components reduced to the keys
/// that identify them (SerializedPipeline).
/// </summary>
public static class PipelineIdentity
{
    private const string DefaultId = "pipeline.id";

    // Checked in this order; the first kind whose required keys are all present wins.
    private static readonly (string Kind, string[] Required, string[] Kept)[] _componentKinds =
    [
        ("agave_app", ["id", "inputs", "parameters"], ["id", "modules", "inputs", "outputs", "parameters", "uuid"]),
        ("abaco_actor", ["id", "image"], ["id", "image", "options", "uuid"]),
        ("agave_job", ["appId", "id"], ["appId", "id", "uuid"]),
        ("deployed_container", ["image", "hostname"], ["image", "hostname", "hash", "options", "uuid"]),
        ("web_service", ["uri"], ["uri", "identifier", "options", "uuid"]),
    ];

    /// <summary>
    /// <c>&lt;id&gt;:&lt;canonical JSON of the filtered components&gt;</c>; a missing id reads "pipeline.id".
    /// </summary>
    /// <exception cref="ArgumentException">id is present but not a string, or components is not a list.</exception>
    public static string Linearize(JObject definition)
    {
        ArgumentNullException.ThrowIfNull(definition);

        // payload.get('id', 'pipeline.id'): only a missing key falls back; null or a number made Python's join fail.
        var id = definition.TryGetValue("id", out var idToken)
            ? idToken is JValue { Type: JTokenType.String } text
                ? (string)text.Value!
                : throw new ArgumentException("The pipeline id must be a string.", nameof(definition))
            : DefaultId;

        var components = definition.TryGetValue("components", out var componentsToken)
            ? componentsToken as JArray ?? throw new ArgumentException("The pipeline components must be a list.", nameof(definition))
            : [];

        var filtered = new JArray();
        foreach (var component in components.OfType<JObject>())
        {
            var kind = Array.Find(_componentKinds, k => k.Required.All(component.ContainsKey));
            if (kind.Kind is null)
            {
                continue;
            }

            var kept = new JObject();
            foreach (var key in kind.Kept.Where(component.ContainsKey))
            {
                kept[key] = component[key]!.DeepClone();
            }

            filtered.Add(kept);
        }

        return id + ":" + PythonJson.Dumps(filtered);
    }

    /// <summary>The pipeline (106) TypedUUID of <see cref="Linearize"/>.</summary>
    public static string Uuid(JObject definition) => TypedUuid.Create(UuidType.Pipeline, Linearize(definition));
}
