using Catalog.Core.Identifiers;

namespace Catalog.Tests.Identifiers;

public class TypedUuidTests
{
    public static TheoryData<int> TypedUuidVectors => PythonVectors.Indexes("typed_uuids");

    [Theory]
    [MemberData(nameof(TypedUuidVectors))]
    public void Typed_uuid_matches_python_datacatalog(int index)
    {
        var vector = PythonVectors.Case("typed_uuids", index);

        var uuid = TypedUuid.Create(UuidType.FromName(vector.Text("type"))!, vector.Text("text"));

        Assert.Equal(vector.Text("uuid"), uuid);
    }

    [Theory]
    [InlineData("challenge_problem", "NOVEL_CHASSIS", "101ba626-e1c4-5beb-bf39-2ed91338379a")]
    [InlineData("challenge_problem", "PROTEIN_DESIGN", "101516ac-9549-5ca1-bc94-6fe0b80094b6")]
    [InlineData("sample", "sample.transcriptic.aq1bsxp36447z6", "10340ded-b06e-5d91-95dd-8533755ed48c")]
    [InlineData("measurement", "measurement.transcriptic.sample.transcriptic.aq1btphfuwnxq9.1", "104bdf03-c68d-565c-ba21-124c9fd927c1")]
    [InlineData("experiment", "experiment.ginkgo.10001", "102edd93-29d6-5483-b60b-8dfd4d094b9c")]
    [InlineData("experiment", "experiment.tacc.10001", "102e95e6-67a8-5a06-9484-3131c6907890")]
    [InlineData("sample", "sample.tacc.20001", "103246e1-bcdf-5b6e-a8dc-4c7e81b91141")]
    [InlineData("measurement", "measurement.tacc.0xDEADBEEF", "10483e8d-6602-532a-8941-176ce20dd05a")]
    [InlineData("measurement", "measurement.tacc.0xDEADBEF0", "104dae4d-a677-5991-ae1c-696d2ee9884e")]
    [InlineData("measurement", "measurement.tacc.0xDEADBEF1", "1041ab3f-5221-5c79-8781-8838dfb6eef9")]
    [InlineData("measurement", "measurement.tacc.0x00000000", "10452d7e-7f0a-59df-a1a3-c5bb44e07f2f")]
    [InlineData("process", "automated-process", "1176bd3e-8666-547b-bc36-25a3b62fc271")]
    [InlineData("pipelinejob_event", "Why did it have to be snakes?", "108acb4d-1f93-553a-9e1c-b7b58125bc89")]
    [InlineData("file", "/uploads/tacc/example/345.txt", "105fb204-530b-5915-9fd6-caf88ca9ad8a")]
    [InlineData("file", "/uploads/tacc/example/123.txt", "1058868c-340e-5d8c-b66e-9739cbcf8d36")]
    [InlineData("file", "/sample/tacc-cloud/dawnofman.jpg", "1057ecf2-5318-55a9-a5e1-8f0fbc9c5b4c")]
    [InlineData("file", "/uploads/transcriptic/201808/yeast_gates/r1bsmggea748b_r1bsun4yb67e7/wt-control-1_0.00015_2.fcs", "105c0c55-62d0-50ed-a6eb-aa9cd8038d72")]
    [InlineData("file", "/uploads/transcriptic/201808/yeast_gates/r1bsmgdayg2yq_r1bsu7tb7bsuk/6389_0.0003_4.fcs", "1052ac87-7d61-50d1-8a04-2412b2695beb")]
    [InlineData("file", "0x8BADF00D.fcs", "105723d4-b27e-55af-b053-63f702c4ad32")]
    public void Typed_uuid_matches_reference_vectors(string type, string text, string expected)
    {
        Assert.Equal(expected, TypedUuid.Create(UuidType.FromName(type)!, text));
    }

    [Fact]
    public void Fixity_uuid_shares_the_file_uuid_tail()
    {
        Assert.Equal("116fb204-530b-5915-9fd6-caf88ca9ad8a", TypedUuid.Create(UuidType.Fixity, "/uploads/tacc/example/345.txt"));
    }

    [Fact]
    public void Schema_example_of_every_type_is_the_snakes_uuid_with_its_prefix()
    {
        foreach (var type in UuidType.All)
        {
            Assert.Equal(type.Prefix + "acb4d-1f93-553a-9e1c-b7b58125bc89", TypedUuid.Create(type, "Why did it have to be snakes?"));
        }
    }

    [Fact]
    public void Text_with_a_lone_surrogate_is_refused_as_python_refuses_to_encode_it()
    {
        Assert.ThrowsAny<ArgumentException>(() => TypedUuid.Create(UuidType.Generic, "broken \ud800"));
    }

    [Theory]
    [InlineData("10483e8d-6602-532a-8941-176ce20dd05a", "10483e8d-6602-532a-8941-176ce20dd05a")]
    [InlineData("{10483E8D-6602-532A-8941-176CE20DD05A}", "10483e8d-6602-532a-8941-176ce20dd05a")]
    [InlineData("urn:uuid:10483e8d-6602-532a-8941-176ce20dd05a", "10483e8d-6602-532a-8941-176ce20dd05a")]
    [InlineData("urn:uuid:{10483e8d-6602-532a-8941-176ce20dd05a}", "10483e8d-6602-532a-8941-176ce20dd05a")]
    [InlineData("10483e8d6602532a8941176ce20dd05a", "10483e8d-6602-532a-8941-176ce20dd05a")]
    [InlineData("{{10483e8d-6602-532a-8941-176ce20dd05a}}", "10483e8d-6602-532a-8941-176ce20dd05a")]
    [InlineData("1048-3e8d6602532a8941176ce20dd05a-", "10483e8d-6602-532a-8941-176ce20dd05a")]
    [InlineData("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")]
    [InlineData("+0483e8d6602532a8941176ce20dd05a", "00483e8d-6602-532a-8941-176ce20dd05a")]
    [InlineData(" 0483e8d6602532a8941176ce20dd05a", "00483e8d-6602-532a-8941-176ce20dd05a")]
    [InlineData("0x483e8d6602532a8941176ce20dd05a", "00483e8d-6602-532a-8941-176ce20dd05a")]
    [InlineData("0x_83e8d6602532a8941176ce20dd05a", "00083e8d-6602-532a-8941-176ce20dd05a")]
    [InlineData("1_483e8d6602532a8941176ce20dd05a", "01483e8d-6602-532a-8941-176ce20dd05a")]
    [InlineData("\uff110483e8d6602532a8941176ce20dd05a", "10483e8d-6602-532a-8941-176ce20dd05a")]
    public void TryParse_accepts_what_python_uuid_accepts_and_normalises(string text, string expected)
    {
        Assert.True(TypedUuid.TryParse(text, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("meep")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("10483e8d-6602-532a-8941-176ce20dd05")]
    [InlineData("10483e8d-6602-532a-8941-176ce20dd05aa")]
    [InlineData("10483e8d-6602-532a-8941-176ce20dd05g")]
    [InlineData("-0000000000000000000000000000001")]
    [InlineData("1__83e8d6602532a8941176ce20dd05a")]
    [InlineData("1_83e8d6602532a8941176ce20dd05_")]
    [InlineData("URN:UUID:10483e8d-6602-532a-8941-176ce20dd05a")]
    public void TryParse_rejects_what_python_uuid_rejects(string? text)
    {
        Assert.False(TypedUuid.TryParse(text, out _));
        Assert.False(TypedUuid.IsValid(text));
    }

    [Theory]
    [InlineData("10483e8d-6602-532a-8941-176ce20dd05a", true)]
    [InlineData("10483E8D6602532A8941176CE20DD05A", true)]
    [InlineData("6ba7b810-9dad-11d1-80b4-00c04fd430c8", false)]
    [InlineData("{10483e8d-6602-532a-8941-176ce20dd05a}", false)]
    [InlineData("103-not-a-uuid", false)]
    [InlineData(null, false)]
    public void IsTyped_needs_a_valid_uuid_that_starts_with_a_known_prefix(string? text, bool expected)
    {
        Assert.Equal(expected, TypedUuid.IsTyped(text));
    }
}
