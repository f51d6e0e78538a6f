using Catalog.Core.Identifiers;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Lineage;

/// <summary>
/// A node of a lineage answer: its UUID, its type (from the UUID prefix, e.g. <c>pipelinejob</c>, <c>file</c>), a
/// label where the catalog knows one (a job's pipeline name and state, a file's path in its job's archive folder, a
/// pipeline's name, the identifier a measurement was given) and, for jobs only, the state; then what identifies it to
/// people: a job's pipeline (UUID, name, id) and creation time, a file's name, path and storage system, a
/// pipeline's id.
/// </summary>
public sealed record LineageNode(string Uuid, string? Label = null, string? State = null, JObject? Details = null)
{
    public UuidType? Type => UuidType.ClassifyCatalog(Uuid);

    public bool IsJob => Type == UuidType.PipelineJob;

    public JObject ToJson() => JsonWriting.Tree(WriteJson);

    /// <summary>Writes the node as <see cref="ToJson"/> makes it, straight to <paramref name="writer"/>.</summary>
    public void WriteJson(JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.Property("uuid", Uuid);
        writer.Property("type", Type?.Name);
        writer.Property("label", Label);
        if (IsJob)
        {
            writer.Property("state", State);
        }
        foreach (var detail in Details?.Properties() ?? [])
        {
            detail.WriteTo(writer);
        }
        writer.WriteEndObject();
    }
}
