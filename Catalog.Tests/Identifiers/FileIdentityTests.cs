using Catalog.Core.Identifiers;

namespace Catalog.Tests.Identifiers;

public class FileIdentityTests
{
    private const string Storage = "data-sd2e-community";

    public static TheoryData<int> FileVectors => PythonVectors.Indexes("files");

    [Theory]
    [MemberData(nameof(FileVectors))]
    public void File_identity_matches_python_datacatalog(int index)
    {
        var vector = PythonVectors.Case("files", index);
        var name = vector.Text("name");

        Assert.Equal(vector.Text("normalized"), FileIdentity.Normalize(name));
        Assert.Equal(vector.Text("uuid"), FileIdentity.FileUuid(name));
        Assert.Equal(vector.Text("file_id"), FileIdentity.FileId(name, vector.Text("storage_system")));
    }

    [Theory]
    [InlineData("/uploads/tacc/example/345.txt", "105fb204-530b-5915-9fd6-caf88ca9ad8a", "file.tacc.y54Bb9W3kN6vogv6D6j8kR9q")]
    [InlineData("/uploads/tacc/example/123.txt", "1058868c-340e-5d8c-b66e-9739cbcf8d36", "file.tacc.n4BX0b2ng22QZqjX6ZLodqv4")]
    [InlineData(
        "/uploads/transcriptic/201808/yeast_gates/r1bsmggea748b_r1bsun4yb67e7/wt-control-1_0.00015_2.fcs",
        "105c0c55-62d0-50ed-a6eb-aa9cd8038d72", "file.tacc.90EqV61GxryERDrkrRxLOdbD")]
    public void File_uuid_and_file_id_match_reference_vectors(string name, string uuid, string fileId)
    {
        Assert.Equal(uuid, FileIdentity.FileUuid(name));
        Assert.Equal(fileId, FileIdentity.FileId(name, Storage));
    }

    [Fact]
    public void Relative_name_keeps_its_uuid_unchanged_by_normalisation()
    {
        Assert.Equal("0x8BADF00D.fcs", FileIdentity.Normalize("0x8BADF00D.fcs"));
        Assert.Equal("105723d4-b27e-55af-b053-63f702c4ad32", FileIdentity.FileUuid("0x8BADF00D.fcs"));
    }

    [Fact]
    public void File_id_is_computed_from_the_name_as_submitted_not_the_stripped_one()
    {
        var padded = FileIdentity.FileId(" /uploads/trailing space.txt ", Storage);

        Assert.Equal("file.tacc.8yVxjLEwJDxVrVdEqDpEEZGo", padded);
        Assert.NotEqual(padded, FileIdentity.FileId("/uploads/trailing space.txt", Storage));
    }

    [Theory]
    [InlineData("", ".")]
    [InlineData("  ", ".")]
    [InlineData(".", ".")]
    [InlineData("..", "..")]
    [InlineData("/", "/")]
    [InlineData("//", "/")]
    [InlineData("//a", "/a")]
    [InlineData("///a//b/", "/a/b")]
    [InlineData("a/", "a")]
    [InlineData("a/../..", "..")]
    [InlineData("../a", "../a")]
    [InlineData("./a", "a")]
    [InlineData("a/./b/../c", "a/c")]
    [InlineData("/..", "/")]
    [InlineData("/../a", "/a")]
    [InlineData("/a/b/../../..", "/")]
    [InlineData("\t/x \n", "/x")]
    [InlineData("\u001f/x", "/x")]
    public void Normalize_matches_python_strip_then_normpath(string name, string expected)
    {
        Assert.Equal(expected, FileIdentity.Normalize(name));
    }
}
