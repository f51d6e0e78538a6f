using Catalog.Core.Identifiers;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Identifiers;

public class PipelineIdentityTests
{
    public static TheoryData<int> PipelineVectors => PythonVectors.Indexes("pipelines");

    [Theory]
    [MemberData(nameof(PipelineVectors))]
    public void Pipeline_uuid_matches_python_datacatalog(int index)
    {
        var vector = PythonVectors.Case("pipelines", index);
        var definition = (JObject)vector["definition"]!;

        Assert.Equal(vector.Text("linearized"), PipelineIdentity.Linearize(definition));
        Assert.Equal(vector.Text("uuid"), PipelineIdentity.Uuid(definition));
    }

    [Fact]
    public void First_matching_component_kind_decides_which_keys_are_kept()
    {
        var definition = Definition(
            "{\"id\":\"p\",\"components\":["
            + "{\"id\":\"app\",\"inputs\":{},\"parameters\":{},\"image\":\"dropped\",\"uuid\":null},"
            + "{\"id\":\"actor\",\"image\":\"img\",\"appId\":\"dropped\"},"
            + "{\"appId\":\"a\",\"id\":\"job\",\"hostname\":\"dropped\"},"
            + "{\"image\":\"img\",\"hostname\":\"h\",\"uri\":\"dropped\"},"
            + "{\"uri\":\"u\",\"label\":\"dropped\"},"
            + "{\"label\":\"unclassifiable\"}, \"not an object\", 3]}");

        Assert.Equal(
            "p:[{\"id\":\"app\",\"inputs\":{},\"parameters\":{},\"uuid\":null},{\"id\":\"actor\",\"image\":\"img\"},"
            + "{\"appId\":\"a\",\"id\":\"job\"},{\"hostname\":\"h\",\"image\":\"img\"},{\"uri\":\"u\"}]",
            PipelineIdentity.Linearize(definition));
    }

    [Fact]
    public void Missing_id_and_components_read_as_the_python_defaults()
    {
        Assert.Equal("pipeline.id:[]", PipelineIdentity.Linearize(new JObject()));
        Assert.Equal(":[]", PipelineIdentity.Linearize(Definition("{\"id\":\"\"}")));
    }

    [Theory]
    [InlineData("{\"id\":null}")]
    [InlineData("{\"id\":7}")]
    [InlineData("{\"components\":null}")]
    [InlineData("{\"components\":{\"uri\":\"u\"}}")]
    public void Malformed_definitions_are_refused(string json)
    {
        Assert.Throws<ArgumentException>(() => PipelineIdentity.Linearize(Definition(json)));
    }

    private static JObject Definition(string json) => (JObject)PythonJson.Parse(json);
}
