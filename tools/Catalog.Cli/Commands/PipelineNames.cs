using Catalog.Cli.Http;
using Catalog.Cli.Output;

namespace Catalog.Cli.Commands;

/// <summary>Pipeline names for display, each pipeline asked for once; a pipeline the catalog cannot name shows as its UUID.</summary>
internal sealed class PipelineNames(CatalogClient client)
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public async Task<string> NameAsync(string? uuid, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(uuid))
        {
            return "";
        }
        if (_names.TryGetValue(uuid, out var known))
        {
            return known;
        }
        string name;
        try
        {
            var pipeline = (await client.GetAsync($"api/v1/pipelines/{Route.Segment(uuid)}", cancellationToken)).Body;
            name = Json.Text(pipeline, "id") is { } id && id != Json.Text(pipeline, "name")
                ? $"{Json.Text(pipeline, "name")} ({id})"
                : Json.Text(pipeline, "name") ?? uuid;
        }
        catch (ApiException)
        {
            name = uuid;
        }
        _names[uuid] = name;
        return name;
    }

    /// <summary>The pipeline's UUID for a UUID or a registered pipeline id (<c>tacc/demo:1</c>).</summary>
    public static async Task<string?> ResolveAsync(CatalogClient client, string? pipeline, CancellationToken cancellationToken)
    {
        if (pipeline is null || Guid.TryParse(pipeline, out _))
        {
            return pipeline;
        }
        var document = (await client.GetAsync($"api/v1/pipelines/{Route.Segment(pipeline)}", cancellationToken)).Body;
        return Json.Text(document, "uuid");
    }
}
