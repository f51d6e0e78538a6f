using Catalog.Core.Identifiers;
using Catalog.Core.Indexing;

namespace Catalog.Tests.Indexing;

public class DerivedReferenceTests
{
    private const string ArchivePath = "/products/v2/abc/def/ghi";

    [Fact]
    public void Given_a_file_or_reference_uuid_then_it_is_used_as_is()
    {
        var file = FileIdentity.FileUuid("/uploads/a.txt");
        var reference = TypedUuid.Create(UuidType.Reference, "https://example.org/genome");

        Assert.Equal(new DerivedReference.Typed(file.ToUpperInvariant(), file), DerivedReference.Classify(file.ToUpperInvariant(), ArchivePath));
        Assert.Equal(new DerivedReference.Typed(reference, reference), DerivedReference.Classify(reference, ArchivePath));
    }

    [Fact]
    public void Given_a_uuid_of_another_type_then_it_is_unresolvable()
    {
        var pipeline = TypedUuid.Create(UuidType.Pipeline, "p");

        var classified = Assert.IsType<DerivedReference.Unresolvable>(DerivedReference.Classify(pipeline, ArchivePath));

        Assert.Contains("pipeline UUID", classified.Reason);
    }

    [Theory]
    [InlineData("./raw/a.txt", ArchivePath + "/raw/a.txt")]
    [InlineData("./raw/../b.txt", ArchivePath + "/b.txt")]
    [InlineData("./../sibling/c.txt", "/products/v2/abc/def/sibling/c.txt")]
    public void Given_a_job_relative_path_then_it_is_normalised_below_the_archive_path(string text, string path)
    {
        var classified = DerivedReference.Classify(text, ArchivePath);

        Assert.Equal(new DerivedReference.JobRelative(text, path, FileIdentity.FileUuid(path)), classified);
    }

    [Fact]
    public void Given_an_agave_uri_then_the_system_and_the_absolute_path()
    {
        var classified = DerivedReference.Classify("agave://data-sd2e-community/reference/genome.fa", ArchivePath);

        Assert.Equal(new DerivedReference.Agave("agave://data-sd2e-community/reference/genome.fa", "data-sd2e-community",
            "/reference/genome.fa", FileIdentity.FileUuid("/reference/genome.fa")), classified);
    }

    [Theory]
    [InlineData("agave://data-sd2e-community")]
    [InlineData("agave:///reference/genome.fa")]
    [InlineData("agave://data-sd2e-community/")]
    [InlineData("measurement.tacc.0xDEADBEEF")]
    [InlineData("https://example.org/genome.fa")]
    [InlineData("raw/a.txt")]
    public void Given_anything_else_then_it_is_unresolvable(string text)
    {
        Assert.IsType<DerivedReference.Unresolvable>(DerivedReference.Classify(text, ArchivePath));
    }

    [Fact]
    public void Given_an_absolute_name_then_it_must_be_an_indexed_file()
    {
        var classified = DerivedReference.Classify("//uploads/x/../a.txt", ArchivePath);

        Assert.Equal(new DerivedReference.IndexedName("//uploads/x/../a.txt", "/uploads/a.txt", FileIdentity.FileUuid("/uploads/a.txt")), classified);
    }
}
