using Catalog.Core.Lineage;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Lineage;

/// <summary>
/// The lineage answer is written straight to text; it must read as the JSON tree of the same answer would, whatever
/// the agents put in names and paths.
/// </summary>
public sealed class LineageGraphJsonTests
{
    private const string Job = "1071269f-2f8b-5e4b-8e5e-0d2d6b4a3c21";
    private const string File = "1059d8c4-ec1a-5537-a8b5-1375adbd4748";
    private const string Measurement = "104a2c4e-5b6f-5d7e-8f90-a1b2c3d4e5f6";

    private static LineageGraph Answer(string awkward) => new(
        Job,
        [
            new LineageNode(Job, $"{awkward} (FINISHED)", "FINISHED", new JObject
            {
                ["pipeline_uuid"] = "106965d9-fa4a-5552-b7ee-42962d75e2c5",
                ["pipeline"] = awkward,
                ["pipeline_id"] = null,
                ["created"] = "2026-11-22T12:48:56.091Z",
            }),
            new LineageNode(File, $"out/{awkward}.csv", null, new JObject
            {
                ["name"] = $"{awkward}.csv",
                ["path"] = $"out/{awkward}.csv",
                ["storage_system"] = "data-sd2e-community",
            }),
            new LineageNode(Measurement),
        ],
        [
            new LineageEdge(File, LineageRelation.GeneratedBy, Job),
            new LineageEdge(Job, LineageRelation.ChildOf, Measurement),
        ],
        Truncated: true,
        Depth: 3,
        LineageDirection.Both);

    [Theory]
    [InlineData("plain")]
    [InlineData("quote \" backslash \\ slash / tab \t newline \n")]
    [InlineData("<script>alert(1)</script> & 'single'")]
    [InlineData("control \u0001 \u001f del \u007f")]
    [InlineData("unicode é 漢字 🧪 \u2028 \u2029")]
    public void Given_any_text_when_written_straight_then_the_same_bytes_as_the_tree(string awkward)
    {
        var graph = Answer(awkward);

        Assert.Equal(graph.ToJson().ToString(Formatting.None), graph.ToJsonText());
    }

    [Fact]
    public void Given_a_time_when_written_then_as_of_comes_last()
    {
        var text = Answer("plain").ToJsonText("2026-12-01T10:00:00.000Z");

        var answer = JsonConvert.DeserializeObject<JObject>(text, new JsonSerializerSettings { DateParseHandling = DateParseHandling.None })!;
        Assert.Equal(["root", "nodes", "edges", "truncated", "depth", "direction", "as_of"], answer.Properties().Select(p => p.Name));
        Assert.Equal("2026-12-01T10:00:00.000Z", (string?)answer["as_of"]);
        Assert.Equal("both", (string?)answer["direction"]);
        Assert.Equal(3, answer["nodes"]!.Count());
        Assert.Equal("FINISHED", (string?)answer["nodes"]![0]!["state"]);
        Assert.Null(answer["nodes"]![1]!["state"]);
        Assert.Equal(JTokenType.Null, answer["nodes"]![2]!["label"]!.Type);
        Assert.Equal("generated_by", (string?)answer["edges"]![0]!["relation"]);
    }
}
