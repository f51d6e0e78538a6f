using Catalog.Core.Identifiers;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Identifiers;

// The vectors produced by python-datacatalog itself, parsed with PythonJson so 100.0 stays a float.
internal static class PythonVectors
{
    private static readonly Lazy<JObject> _all = new(() => (JObject)PythonJson.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "python-datacatalog-generated.json"))));

    public static JObject Case(string section, int index) => (JObject)((JArray)_all.Value[section]!)[index];

    // Indexes rather than the vectors themselves, so each one is its own serialisable test case.
    public static TheoryData<int> Indexes(string section)
    {
        var data = new TheoryData<int>();
        var count = ((JArray)_all.Value[section]!).Count;
        for (var i = 0; i < count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    public static string Text(this JObject vector, string key) => (string)vector[key]!;
}
