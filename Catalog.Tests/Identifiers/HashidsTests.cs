using System.Numerics;
using Catalog.Core.Identifiers;

namespace Catalog.Tests.Identifiers;

public class HashidsTests
{
    public static TheoryData<int> HashidVectors => PythonVectors.Indexes("hashids");

    [Fact]
    public void Catalog_salt_derives_the_reference_alphabet_separators_and_guards()
    {
        Assert.Equal("NrqYVDZAob8ORG4Q325pexvn0P1LBX6gdlzJkyw9EWKj", Hashids.Default.Alphabet);
        Assert.Equal("ICHsUTchftSFiu", Hashids.Default.Separators);
        Assert.Equal("mMa7", Hashids.Default.Guards);
    }

    [Theory]
    [MemberData(nameof(HashidVectors))]
    public void Hashid_matches_python_datacatalog(int index)
    {
        var vector = PythonVectors.Case("hashids", index);

        Assert.Equal(vector.Text("hashid"), Hashids.UuidToHashid(vector.Text("uuid")));
    }

    [Theory]
    [InlineData("", "1001a831-ce4e-56c7-954b-43d740ea56f4", "BAkwe8wKZY2NgXyBpX8K5R1D")]
    [InlineData("{}", "10039c5a-f000-5c82-a032-0c5207b2ae19", "PAVpwrObxp5YjYRvrJOd5yVp")]
    [InlineData("{\"alpha\":0.5}", "10032bcf-0da3-5e81-ae40-60f67259b660", "0p5yeV3VR3OELzgoJ5kk6Yxw")]
    [InlineData("{\"alpha\":0.6}", "10060cbc-fbf2-516d-ae55-b699d197301c", "3pGLppQE69r3Z36EY3jlxxpN")]
    [InlineData(
        "{\"alpha\":0.5,\"inputs\":[\"agave://data-sd2e-community/uploads/tacc/example/345.txt\"],\"parameters\":{\"ref1\":\"agave://data-sd2e-community/reference/novel_chassis/uma_refs/MG1655_WT/MG1655_WT.fa\"}}",
        "10002a02-3b56-5802-a920-1b5ead0d4488", "RbQyWyezlxlvXOYeG81qVbG4")]
    [InlineData("1041ab3f-5221-5c79-8781-8838dfb6eef9", "100c0a9a-132f-5ca5-a9cb-243e21ace3b8", "kZpoopq2GBKYy6DQ9pqqNbk8")]
    [InlineData("10483e8d-6602-532a-8941-176ce20dd05a:104dae4d-a677-5991-ae1c-696d2ee9884e", "1008551e-f226-5a6c-9d73-f38f54931e18", "3pGOjjEYq3BZ2DJ6e0jLQqWb")]
    [InlineData("103246e1-bcdf-5b6e-a8dc-4c7e81b91141", "1004fd19-fccd-5acc-bd73-be585fbe319c", "kZgygQV2EDAAkDLRzrep1gO2")]
    [InlineData("102e95e6-67a8-5a06-9484-3131c6907890", "1008cecc-d701-5763-a5c1-5ecde81f6e0d", "Db6rzKZnnyA8E5qvwvxjpwZ4")]
    public void Generic_uuid_and_hashid_of_archive_path_text_match_reference_vectors(string text, string uuid, string hashid)
    {
        var generic = TypedUuid.Create(UuidType.Generic, text);

        Assert.Equal(uuid, generic);
        Assert.Equal(hashid, Hashids.UuidToHashid(generic));
    }

    [Theory]
    [InlineData("10650844-1baa-55c5-a481-5e945b19c065", "xpo4LbwKVOKjgDDeDpr5QK0o")]
    [InlineData("{10650844-1BAA-55C5-A481-5E945B19C065}", "xpo4LbwKVOKjgDDeDpr5QK0o")]
    public void Hashid_of_a_uuid_matches_reference_vectors(string uuid, string hashid)
    {
        Assert.Equal(hashid, Hashids.UuidToHashid(uuid));
    }

    [Fact]
    public void Linkage_hash_of_the_deprecated_default_measurement_matches_the_reference()
    {
        var linkageHash = Hashids.UuidToHashid(TypedUuid.Create(UuidType.Generic, "10452d7e-7f0a-59df-a1a3-c5bb44e07f2f"));

        Assert.Equal("5pQxBkRrRe2GEPOWWZBq4LNQ", linkageHash);
    }

    [Fact]
    public void Uuid_is_encoded_as_its_unsigned_128_bit_integer()
    {
        var value = BigInteger.Parse("21792237570624569441805130974122066021");

        Assert.Equal("xpo4LbwKVOKjgDDeDpr5QK0o", Hashids.Default.Encode(value));
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000", "Nd")]
    [InlineData("ffffffff-ffff-ffff-ffff-ffffffffffff", "O2eGwlRDdp4O0kJk0KzprO6er")]
    public void Extremes_of_the_128_bit_range_match_python_hashids(string uuid, string hashid)
    {
        Assert.Equal(hashid, Hashids.UuidToHashid(uuid));
    }

    [Fact]
    public void Negative_numbers_and_non_uuids_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Hashids.Default.Encode(BigInteger.MinusOne));
        Assert.Throws<FormatException>(() => Hashids.UuidToHashid("meep"));
    }
}
