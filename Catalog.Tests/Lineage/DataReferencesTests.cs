using Catalog.Core.Identifiers;
using Catalog.Core.Lineage;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Lineage;

public sealed class DataReferencesTests
{
    // python-datacatalog tests/fixtures/jobs.py job_data and the file UUIDs of reference §12.2 (file1a, file1b).
    private const string File1 = "agave://data-sd2e-community/uploads/transcriptic/201808/yeast_gates/r1bsmggea748b_r1bsun4yb67e7/wt-control-1_0.00015_2.fcs";
    private const string File1Uuid = "105c0c55-62d0-50ed-a6eb-aa9cd8038d72";
    private const string Param2 = "agave://data-sd2e-community/uploads/transcriptic/201808/yeast_gates/r1bsmgdayg2yq_r1bsu7tb7bsuk/6389_0.0003_4.fcs";
    private const string Param2Uuid = "1052ac87-7d61-50d1-8a04-2412b2695beb";
    private const string Ref1 = "agave://data-sd2e-community/reference/novel_chassis/uma_refs/MG1655_WT/MG1655_WT.fa.ann";

    [Fact]
    public void Given_job_data_with_dict_inputs_then_files_are_acted_on_and_the_reference_acted_using()
    {
        var data = JObject.Parse($$$"""{"inputs":{"file1":"{{{File1}}}","ref1":"{{{Ref1}}}"},"parameters":{"param2":"{{{Param2}}}"}}""");

        var found = DataReferences.From(data, []);

        Assert.Equal([Param2Uuid, File1Uuid], found.ActedOn);
        Assert.Equal([TypedUuid.Create(UuidType.Reference, Ref1)], found.ActedUsing);
    }

    [Fact]
    public void Given_the_deep_dive_list_inputs_and_a_reference_parameter_then_one_file_and_one_reference()
    {
        const string reference = "agave://data-sd2e-community/reference/novel_chassis/uma_refs/MG1655_WT/MG1655_WT.fa";
        var data = JObject.Parse($$$"""
            {"alpha":0.5,"inputs":["agave://data-sd2e-community/uploads/tacc/example/345.txt","notes.txt","/scratch/x.txt"],
             "parameters":{"ref1":"{{{reference}}}"}}
            """);

        var found = DataReferences.From(data, []);

        Assert.Equal([FileIdentity.FileUuid("/uploads/tacc/example/345.txt")], found.ActedOn);
        Assert.Equal([TypedUuid.Create(UuidType.Reference, reference)], found.ActedUsing);
    }

    [Fact]
    public void Given_http_and_https_references_in_parameters_then_each_url_names_a_reference()
    {
        var data = JObject.Parse("""
            {"parameters":{"genome":"https://example.org/genomes/uploads/MG1655.gb","table":"http://example.org/codons.tsv","n":"12"}}
            """);

        var found = DataReferences.From(data, []);

        Assert.Empty(found.ActedOn);
        Assert.Equal(
            new[] { "http://example.org/codons.tsv", "https://example.org/genomes/uploads/MG1655.gb" }
                .Select(u => TypedUuid.Create(UuidType.Reference, u)).Order(StringComparer.Ordinal),
            found.ActedUsing);
    }

    [Fact]
    public void Given_plain_paths_then_files_are_named_by_path_and_references_get_the_default_system()
    {
        var data = JObject.Parse("""
            {"inputs":{"reads":"/products/v2/abc/reads.fastq","other":"/data/other.txt","relative":"relative.txt"},
             "parameters":{"same":"agave://data-sd2e-community/products/v2/abc/reads.fastq","ref":"/reference/ecoli.fa"}}
            """);

        var found = DataReferences.From(data, []);

        Assert.Equal(
            new[] { FileIdentity.FileUuid("/products/v2/abc/reads.fastq"), FileIdentity.FileUuid("/data/other.txt") }.Order(StringComparer.Ordinal),
            found.ActedOn);
        Assert.Equal([TypedUuid.Create(UuidType.Reference, "agave://data-sd2e-community/reference/ecoli.fa")], found.ActedUsing);
    }

    [Fact]
    public void Given_values_that_are_not_strings_then_they_are_skipped_and_the_rest_still_counts()
    {
        var data = JObject.Parse("""
            {"inputs":{"many":["/uploads/a.txt","/uploads/b.txt"],"flag":true,"one":"/uploads/c.txt","none":null},
             "parameters":{"n":3,"f":1.5,"nested":{"p":"/uploads/d.txt"}}}
            """);

        var found = DataReferences.From(data, []);

        Assert.Equal([FileIdentity.FileUuid("/uploads/c.txt")], found.ActedOn);
        Assert.Empty(found.ActedUsing);
    }

    [Fact]
    public void Given_request_inputs_and_the_same_file_twice_then_one_sorted_list()
    {
        var data = JObject.Parse("""{"inputs":["agave://data-sd2e-community/uploads/a.txt"],"parameters":{"p":"/uploads/a.txt"}}""");

        var found = DataReferences.From(data,
            ["agave://data-sd2e-community/uploads/a.txt", "agave://other-system/uploads/z.txt", "https://example.org/r", "plain words"]);

        Assert.Equal(
            new[] { FileIdentity.FileUuid("/uploads/a.txt"), FileIdentity.FileUuid("/uploads/z.txt") }.Order(StringComparer.Ordinal),
            found.ActedOn);
        Assert.Equal([TypedUuid.Create(UuidType.Reference, "https://example.org/r")], found.ActedUsing);
    }

    [Fact]
    public void Given_no_inputs_or_parameters_then_nothing()
    {
        var found = DataReferences.From(JObject.Parse("""{"alpha":0.5,"inputs":"/uploads/a.txt","parameters":["/uploads/b.txt"]}"""), []);

        Assert.Empty(found.ActedOn);
        Assert.Empty(found.ActedUsing);
    }
}
