using Catalog.Core.Identifiers;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Identifiers;

public class LinkageTests
{
    private const string Sample20001 = "103246e1-bcdf-5b6e-a8dc-4c7e81b91141";
    private const string DeadBeef = "10483e8d-6602-532a-8941-176ce20dd05a";
    private const string DeadBef0 = "104dae4d-a677-5991-ae1c-696d2ee9884e";
    private const string DeadBef1 = "1041ab3f-5221-5c79-8781-8838dfb6eef9";
    private const string ExperimentTacc = "102e95e6-67a8-5a06-9484-3131c6907890";

    [Theory]
    [InlineData("experiment.ginkgo.10001", "102edd93-29d6-5483-b60b-8dfd4d094b9c", "experiment")]
    [InlineData("experiment.tacc.10001", ExperimentTacc, "experiment")]
    [InlineData("sample.tacc.20001", Sample20001, "sample")]
    [InlineData("sample.transcriptic.aq1bsxp36447z6", "10340ded-b06e-5d91-95dd-8533755ed48c", "sample")]
    [InlineData("measurement.tacc.0xDEADBEEF", DeadBeef, "measurement")]
    [InlineData("measurement.tacc.0x00000000", "10452d7e-7f0a-59df-a1a3-c5bb44e07f2f", "measurement")]
    [InlineData("experiment_design.x.y", null, "experiment_design")]
    public void Canonical_identifier_resolves_to_its_typed_uuid(string identifier, string? uuid, string type)
    {
        var resolved = Assert.IsType<IdentifierResolution.Resolved>(Linkage.ResolveIdentifier(identifier));

        Assert.Equal(type, resolved.Type.Name);
        Assert.Equal(uuid ?? TypedUuid.Create(UuidType.ExperimentDesign, identifier), resolved.Uuid);
    }

    [Theory]
    [InlineData("103246E1-BCDF-5B6E-A8DC-4C7E81B91141", Sample20001, "sample")]
    [InlineData("1012da8b-663a-591f-a13d-cdf5277656a0", "1012da8b-663a-591f-a13d-cdf5277656a0", "challenge_problem")]
    [InlineData("107b93f3-1eae-5e79-8a18-0a480f8aa3a5", "107b93f3-1eae-5e79-8a18-0a480f8aa3a5", "pipelinejob")]
    public void Typed_uuid_is_taken_as_is_in_lower_case(string item, string uuid, string type)
    {
        var resolved = Assert.IsType<IdentifierResolution.Resolved>(Linkage.ResolveIdentifier(item));

        Assert.Equal(uuid, resolved.Uuid);
        Assert.Equal(type, resolved.Type.Name);
    }

    [Theory]
    [InlineData("86753095")]
    [InlineData("meep")]
    [InlineData("")]
    [InlineData("sample")]
    [InlineData("sample.")]
    [InlineData(".tacc.1")]
    [InlineData("file.tacc.y54Bb9W3kN6vogv6D6j8kR9q")]
    [InlineData("Sample.tacc.20001")]
    [InlineData("103-not-a-uuid")]
    [InlineData("{103246e1-bcdf-5b6e-a8dc-4c7e81b91141}")]
    public void Garbage_is_rejected_with_a_message_naming_the_item(string item)
    {
        var rejected = Assert.IsType<IdentifierResolution.Rejected>(Linkage.ResolveIdentifier(item));

        Assert.Contains($"'{item}'", rejected.Error);
    }

    [Fact]
    public void Duplicates_collapse_including_a_uuid_and_an_identifier_for_the_same_sample()
    {
        var result = Linkage.ResolveIdentifiers(["sample.tacc.20001", "sample.tacc.20001", Sample20001.ToUpperInvariant()]);

        Assert.Equal([Sample20001], Assert.IsType<LinkageResult.Resolved>(result).ChildOf);
    }

    [Fact]
    public void Resolved_uuids_are_sorted_ascending()
    {
        var result = Linkage.ResolveIdentifiers(["measurement.tacc.0xDEADBEF0", "measurement.tacc.0xDEADBEEF", "measurement.tacc.0xDEADBEF1"]);

        Assert.Equal([DeadBef1, DeadBeef, DeadBef0], Assert.IsType<LinkageResult.Resolved>(result).ChildOf);
    }

    [Fact]
    public void Mixed_types_are_rejected_naming_the_types()
    {
        var result = Linkage.ResolveIdentifiers(["sample.tacc.20001", "measurement.tacc.0xDEADBEEF"]);

        var rejected = Assert.IsType<LinkageResult.Rejected>(result);
        Assert.Contains("Cannot resolve a list of identifiers with mixed types", rejected.Error);
        Assert.Contains("measurement, sample", rejected.Error);
    }

    [Fact]
    public void One_bad_item_rejects_the_whole_list()
    {
        var rejected = Assert.IsType<LinkageResult.Rejected>(Linkage.ResolveIdentifiers(["sample.tacc.20001", "86753095"]));

        Assert.Contains("'86753095'", rejected.Error);
    }

    [Fact]
    public void An_empty_identifier_list_resolves_to_nothing_and_is_rejected()
    {
        var rejected = Assert.IsType<LinkageResult.Rejected>(Linkage.ResolveIdentifiers([]));

        Assert.Contains("Unable to resolve any identifiers", rejected.Error);
    }

    [Fact]
    public void Explicit_child_of_may_mix_types_and_be_empty()
    {
        var mixed = Linkage.ResolveChildOf([DeadBef0, ExperimentTacc, "sample.tacc.20001", DeadBef0]);

        Assert.Equal([ExperimentTacc, Sample20001, DeadBef0], Assert.IsType<LinkageResult.Resolved>(mixed).ChildOf);
        Assert.Empty(Assert.IsType<LinkageResult.Resolved>(Linkage.ResolveChildOf([])).ChildOf);
    }

    [Fact]
    public void Metadata_arguments_use_the_first_present_in_precedence_order()
    {
        var result = Linkage.FromMetadataIds(null, "experiment.tacc.10001", "sample.tacc.20001", JValue.CreateNull());

        Assert.Equal([ExperimentTacc], Assert.IsType<LinkageResult.Resolved>(result).ChildOf);
    }

    [Fact]
    public void Metadata_arguments_read_from_an_object_skip_nulls()
    {
        var arguments = (JObject)PythonJson.Parse(
            "{\"experiment_design_id\": null, \"sample_id\": [\"measurement.tacc.0xDEADBEEF\", \"" + DeadBef0 + "\"], \"measurement_id\": \"x\"}");

        var result = Linkage.FromMetadataIds(arguments);

        Assert.Equal([DeadBeef, DeadBef0], Assert.IsType<LinkageResult.Resolved>(result).ChildOf);
    }

    [Fact]
    public void No_metadata_arguments_means_no_linkage()
    {
        Assert.Empty(Assert.IsType<LinkageResult.Resolved>(Linkage.FromMetadataIds(new JObject())).ChildOf);
    }

    [Theory]
    [InlineData("[]", "Unable to resolve any identifiers")]
    [InlineData("[\"sample.tacc.20001\", 7]", "sample_id must be a string or a list of strings")]
    [InlineData("{\"a\": 1}", "sample_id must be a string or a list of strings")]
    [InlineData("true", "sample_id must be a string or a list of strings")]
    public void Malformed_metadata_arguments_are_rejected(string sampleId, string message)
    {
        var result = Linkage.FromMetadataIds(null, null, PythonJson.Parse(sampleId), null);

        Assert.Contains(message, Assert.IsType<LinkageResult.Rejected>(result).Error);
    }
}
