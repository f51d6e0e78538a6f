using Catalog.Core.Identifiers;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Lineage;

/// <summary>
/// A node of a lineage answer: its UUID, its type (from the UUID prefix, e.g. <c>pipelinejob</c>, <c>file</c>), a
/// label where the catalog knows one (a job's pipeline name and state, a file's name, a pipeline's name) and, for
/// jobs only, the state.
/// </summary>
public sealed record LineageNode(string Uuid, string? Label = null, string? State = null)
{
    public UuidType? Type => UuidType.ClassifyCatalog(Uuid);

    public bool IsJob => Type == UuidType.PipelineJob;

    public JObject ToJson()
    {
        var json = new JObject
        {
            ["uuid"] = Uuid,
            ["type"] = Type?.Name,
            ["label"] = Label,
        };
        if (IsJob)
        {
            json["state"] = State;
        }
        return json;
    }
}
