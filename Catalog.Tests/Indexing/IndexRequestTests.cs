using Catalog.Core.Indexing;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Indexing;

public class IndexRequestTests
{
    [Fact]
    public void Given_patterns_and_level_then_an_archive_request()
    {
        var (request, errors) = IndexRequest.Parse(JObject.Parse("""{"patterns": [".txt$", ".tsv$"], "level": "2", "note": "n", "fixity": false}"""), "filters[0]", null);

        Assert.Empty(errors);
        Assert.Equal(IndexRequestKind.Archive, request!.Kind);
        Assert.Equal([".txt$", ".tsv$"], request.Patterns);
        Assert.Equal("2", request.Level);
    }

    [Fact]
    public void Given_processing_level_and_filters_then_they_stand_for_level_and_patterns()
    {
        var (request, errors) = IndexRequest.Parse(JObject.Parse("""{"processing_level": "2", "filters": [".txt$"], "level": "1"}"""), "filters[0]", null);

        Assert.Empty(errors);
        Assert.Equal(IndexRequestKind.Archive, request!.Kind);
        Assert.Equal([".txt$"], request.Patterns);
        Assert.Equal("2", request.Level);
    }

    [Fact]
    public void Given_derived_from_without_level_then_a_product_request()
    {
        var (request, errors) = IndexRequest.Parse(
            JObject.Parse("""{"patterns": ["summary\\.csv$"], "derived_from": ["./raw/a.txt"], "derived_using": null}"""), "product_patterns[0]", "1");

        Assert.Empty(errors);
        Assert.Equal(IndexRequestKind.Product, request!.Kind);
        Assert.Equal(["./raw/a.txt"], request.DerivedFrom);
        Assert.Empty(request.DerivedUsing);
        Assert.Null(request.Level);
    }

    [Fact]
    public void Given_level_and_derived_from_then_always_an_archive_request()
    {
        var (request, _) = IndexRequest.Parse(JObject.Parse("""{"patterns": [], "level": "3", "derived_from": ["./a"]}"""), "filters[0]", null);

        Assert.Equal(IndexRequestKind.Archive, request!.Kind);
        Assert.Empty(request.DerivedFrom);
    }

    [Fact]
    public void Given_a_null_level_then_an_archive_request_without_level()
    {
        var (request, errors) = IndexRequest.Parse(JObject.Parse("""{"patterns": [".txt$"], "level": null}"""), "filters[0]", null);

        Assert.Empty(errors);
        Assert.Equal(IndexRequestKind.Archive, request!.Kind);
        Assert.Null(request.Level);
    }

    [Theory]
    [InlineData("""{"level": "1"}""", "filters[3]: missing required key 'patterns'")]
    [InlineData("""{"patterns": [".txt$"]}""", "filters[3]: missing required key 'level' (an archive request) or 'derived_from' (a product request)")]
    [InlineData("""{"patterns": ".txt$", "level": "1"}""", "filters[3].patterns: must be a list of strings")]
    [InlineData("""{"patterns": null, "level": "1"}""", "filters[3].patterns: must be a list of strings")]
    [InlineData("""{"patterns": [], "level": "7"}""", "filters[3].level: must be a processing level")]
    [InlineData("""{"patterns": [], "derived_from": "./a"}""", "filters[3].derived_from: must be a list of strings")]
    [InlineData("""[".txt$"]""", "filters[3]: must be an object")]
    public void Given_a_malformed_request_then_the_error_names_the_request_and_the_key(string json, string expected)
    {
        var (request, errors) = IndexRequest.Parse(JToken.Parse(json), "filters[3]", null);

        Assert.Null(request);
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_route_level_then_a_request_with_neither_level_nor_derived_from_is_an_archive_request_at_that_level()
    {
        var (request, errors) = IndexRequest.Parse(JObject.Parse("""{"patterns": [".txt$"]}"""), "filters[0]", "Reference");

        Assert.Empty(errors);
        Assert.Equal(IndexRequestKind.Archive, request!.Kind);
        Assert.Equal("Reference", request.Level);
    }

    [Fact]
    public void Given_a_numeric_level_from_0_to_3_then_it_is_read_as_text()
    {
        var (request, errors) = IndexRequest.Parse(JObject.Parse("""{"patterns": [], "level": 2}"""), "filters[0]", null);

        Assert.Empty(errors);
        Assert.Equal("2", request!.Level);
    }
}
