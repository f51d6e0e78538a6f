using System.Net;
using System.Text;
using Catalog.Core.Identifiers;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Tests.Http;

[Trait("Category", "Database")]
public sealed class PreviewTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    private const string Pipeline = "106c46ff-8186-5756-a934-071f4497b58d";

    [Fact]
    public async Task Given_an_experiment_identifier_when_preview_then_reference_uuid_path_and_text()
    {
        var (status, body) = await PostAsync($$$"""{"pipeline_uuid":"{{{Pipeline}}}","experiment_id":"experiment.tacc.10001","data":{"alpha":0.5}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1077a959-7163-516a-8fc1-dd11bd958190", (string?)body["uuid"]);
        Assert.Equal("/products/v2/106c46ff81865756a934071f4497b58d/Db6rzKZnnyA8E5qvwvxjpwZ4/0p5yeV3VR3OELzgoJ5kk6Yxw", (string?)body["archive_path"]);
        Assert.Equal(["102e95e6-67a8-5a06-9484-3131c6907890"], body["child_of"]!.Values<string>());
        Assert.Equal($$"""{{Pipeline}}:['102e95e6-67a8-5a06-9484-3131c6907890']:{"alpha":0.5}""", (string?)body["linearized"]);
    }

    [Theory]
    [InlineData("""{"x":100.0}""", """{"x":100.0}""")]
    [InlineData("""{"x":1e16,"y":-0.0}""", """{"x":1e+16,"y":-0.0}""")]
    [InlineData("""{"b":{"d":1,"c":[1.5,"é"]},"a":null}""", """{"a":null,"b":{"c":[1.5,"\u00e9"],"d":1}}""")]
    public async Task Given_number_kinds_and_unicode_when_preview_then_the_hashed_text_is_python_canonical(string data, string canonical)
    {
        var (status, body) = await PostAsync($$"""{"pipeline_uuid":"{{Pipeline}}","data":{{data}}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var expectedText = $"{Pipeline}:[]:{canonical}";
        Assert.Equal(expectedText, (string?)body["linearized"]);
        Assert.Equal(TypedUuid.Create(UuidType.PipelineJob, expectedText), (string?)body["uuid"]);
    }

    [Fact]
    public async Task Given_instanced_with_a_session_when_preview_then_the_path_ends_with_a_stamped_session_directory()
    {
        var (status, body) = await PostAsync($$"""{"pipeline_uuid":"{{Pipeline}}","child_of":["102e95e6-67a8-5a06-9484-3131c6907890"],"instanced":true,"session":"sensible-adder"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("107a90b7-f083-5167-a63d-41a3bf278bf8", (string?)body["uuid"]);
        Assert.Matches(@"^/products/v2/106c46ff81865756a934071f4497b58d/Db6rzKZnnyA8E5qvwvxjpwZ4/PAVpwrObxp5YjYRvrJOd5yVp/sensible-adder-\d{8}T\d{6}Z$",
            (string?)body["archive_path"]);
    }

    [Theory]
    [InlineData("""{"data":{}}""", "pipeline_uuid")]
    [InlineData("""{"pipeline_uuid":"107a90b7-f083-5167-a63d-41a3bf278bf8"}""", "pipeline UUID")]
    [InlineData("""{"pipeline_uuid":"106c46ff-8186-5756-a934-071f4497b58d","data":[1]}""", "data")]
    [InlineData("""{"pipeline_uuid":"106c46ff-8186-5756-a934-071f4497b58d","sample_id":["sample.tacc.1","measurement.tacc.2"]}""", "mixed types")]
    [InlineData("""{"pipeline_uuid":"106c46ff-8186-5756-a934-071f4497b58d","measurement_id":"86753095"}""", "86753095")]
    [InlineData("""{"pipeline_uuid":"106c46ff-8186-5756-a934-071f4497b58d","archive_path":"/products/../etc"}""", "archive_path")]
    [InlineData("""{"pipeline_uuid":"106c46ff-8186-5756-a934-071f4497b58d","instanced":true,"session":"../../etc"}""", "session")]
    [InlineData("""{"pipeline_uuid": "106c46ff-8186-5756-a934-071f4497b58d",""", "not valid JSON")]
    [InlineData("""[1,2]""", "JSON object")]
    [InlineData("", "empty")]
    public async Task Given_a_bad_body_when_preview_then_422_problem_saying_what_to_fix(string json, string mentions)
    {
        var (status, body) = await PostAsync(json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(mentions, body.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Given_a_body_over_one_mebibyte_when_preview_then_413()
    {
        var huge = $$$"""{"pipeline_uuid":"{{{Pipeline}}}","data":{"x":"{{{new string('a', 1024 * 1024)}}}"}}""";

        var (status, _) = await PostAsync(huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task Given_previews_when_done_then_nothing_was_stored()
    {
        await PostAsync($$"""{"pipeline_uuid":"{{Pipeline}}"}""");

        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT (SELECT count(*) FROM es.events) + (SELECT count(*) FROM es.streams)", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    private async Task<(HttpStatusCode, JToken)> PostAsync(string json)
    {
        var response = await host.Client.PostAsync("/api/v1/jobs/preview", new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JObject() : JToken.Parse(text));
    }
}
