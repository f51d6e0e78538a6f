using System.Text.Json.Nodes;

namespace Catalog.Cli.Http;

/// <summary>A successful answer: its body as sent (printed as is by <c>--json</c>) and parsed, when it is JSON.</summary>
internal sealed record ApiAnswer(int Status, string Text, JsonNode? Json)
{
    public JsonNode Body => Json ?? throw new ApiException(Status, "the catalog's answer was not JSON");
}
