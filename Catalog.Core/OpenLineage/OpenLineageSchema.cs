using System.Text.Json;
using Json.Schema;

namespace Catalog.Core.OpenLineage;

/// <summary>
/// The OpenLineage 2-0-2 JSON Schema (the specification's own file, embedded): an event is checked against the
/// definition of its kind, so the problems named are those of a run, job or dataset event and not of all three.
/// </summary>
public static class OpenLineageSchema
{
    public const string Version = "2-0-2";
    private const string SchemaId = "https://openlineage.io/spec/2-0-2/OpenLineage.json";
    private const int MaxProblems = 20;

    private static readonly Lazy<Dictionary<OpenLineageKind, JsonSchema>> _byKind = new(Build);

    /// <summary>What the event fails of its kind's definition, as <c>/pointer: message</c>; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(OpenLineageKind kind, string json)
    {
        // Bodies were parsed once already, as deep as the catalog's parser allows; facets may nest that deep.
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 1024 });
        var results = _byKind.Value[kind].Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }
        var problems = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "/")}: {e.Key}: {e.Value}"))
            .Distinct()
            .Take(MaxProblems)
            .ToList();
        return problems.Count > 0 ? problems : [$"the event does not match the OpenLineage {Version} {kind.Definition()} schema."];
    }

    private static Dictionary<OpenLineageKind, JsonSchema> Build()
    {
        var options = new BuildOptions();
        using var stream = typeof(OpenLineageSchema).Assembly.GetManifestResourceStream("Catalog.Core.OpenLineage.OpenLineage-2-0-2.json")
            ?? throw new InvalidOperationException("The embedded OpenLineage schema is missing.");
        JsonSchema.FromText(new StreamReader(stream).ReadToEnd(), options);
        return Enum.GetValues<OpenLineageKind>().ToDictionary(kind => kind, kind => JsonSchema.FromText($$"""
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "urn:catalog:openlineage:{{kind.Definition()}}",
             "$ref": "{{SchemaId}}#/$defs/{{kind.Definition()}}"}
            """, options));
    }
}
