using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Lineage;

/// <summary>
/// Lineage answers are written straight to text; their JSON trees come from the same writing code, so the two never
/// differ.
/// </summary>
internal static class JsonWriting
{
    public static JObject Tree(Action<JsonWriter> write)
    {
        using var writer = new JTokenWriter();
        write(writer);
        return (JObject)writer.Token!;
    }

    public static void Property(this JsonWriter writer, string name, string? value)
    {
        writer.WritePropertyName(name);
        writer.WriteValue(value);
    }
}
