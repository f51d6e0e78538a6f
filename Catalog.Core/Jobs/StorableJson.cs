using Newtonsoft.Json.Linq;

namespace Catalog.Core.Jobs;

/// <summary>
/// What the store can keep: Python's JSON reader accepts NaN and Infinity, but JSON (and PostgreSQL) cannot hold
/// them, so they are refused at the door with the path of the first one.
/// </summary>
public static class StorableJson
{
    public static string? FirstNonFinite(JToken? token, string path)
    {
        switch (token)
        {
            case JValue { Type: JTokenType.Float, Value: double d } when !double.IsFinite(d):
                return path;
            case JObject obj:
                foreach (var property in obj.Properties())
                {
                    if (FirstNonFinite(property.Value, $"{path}.{property.Name}") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case JArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (FirstNonFinite(array[i], $"{path}[{i}]") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            default:
                return null;
        }
    }
}
