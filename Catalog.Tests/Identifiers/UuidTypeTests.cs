using Catalog.Core.Identifiers;

namespace Catalog.Tests.Identifiers;

public class UuidTypeTests
{
    [Fact]
    public void All_24_types_have_the_reference_prefixes_in_order()
    {
        string[] expected =
        [
            "generic:100", "challenge_problem:101", "experiment:102", "sample:103", "measurement:104", "file:105",
            "pipeline:106", "pipelinejob:107", "pipelinejob_event:108", "reference:109", "product:110", "upload:111",
            "experiment_design:114", "input_classifier:115", "fixity:116", "process:117", "annotation:118",
            "inline_annotation:119", "query:120", "dashboard:121", "tag_annotation:122", "text_annotation:123",
            "association:124", "structured_request:125",
        ];

        Assert.Equal(expected, UuidType.All.Select(t => $"{t.Name}:{t.Prefix}"));
        Assert.Equal("Generic Data Catalog Record", UuidType.Generic.Title);
        Assert.Equal("Structured Experiment Request", UuidType.StructuredRequest.Title);
    }

    [Theory]
    [InlineData("pipelinejob_event", "108")]
    [InlineData("experiment_design", "114")]
    [InlineData("structured_request", "125")]
    public void Lookup_by_name_and_by_prefix_agree(string name, string prefix)
    {
        Assert.Same(UuidType.FromName(name), UuidType.FromPrefix(prefix));
        Assert.NotNull(UuidType.FromName(name));
    }

    [Theory]
    [InlineData("PipelineJob")]
    [InlineData("112")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_names_and_prefixes_are_null(string? key)
    {
        Assert.Null(UuidType.FromName(key));
        Assert.Null(UuidType.FromPrefix(key));
    }

    [Theory]
    [InlineData("1027aa77-0000-0000-0000-000000000000", "experiment")]
    [InlineData("107b93f3-1eae-5e79-8a18-0a480f8aa3a5", "pipelinejob")]
    [InlineData("125", "structured_request")]
    [InlineData("105 is not checked any further", "file")]
    public void Classify_uses_the_first_three_characters(string uuid, string expected)
    {
        Assert.Equal(expected, UuidType.Classify(uuid)?.Name);
    }

    [Theory]
    [InlineData("5027aa77-0000-0000-0000-000000000000")]
    [InlineData("6ba7b810-9dad-11d1-80b4-00c04fd430c8")]
    [InlineData("112aaaaa-0000-0000-0000-000000000000")]
    [InlineData("meep")]
    [InlineData("10")]
    [InlineData(null)]
    public void Classify_returns_null_for_unknown_prefixes(string? uuid)
    {
        Assert.Null(UuidType.Classify(uuid));
    }
}
