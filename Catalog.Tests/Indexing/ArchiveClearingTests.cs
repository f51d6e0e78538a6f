using Catalog.Core.Indexing;

namespace Catalog.Tests.Indexing;

public sealed class ArchiveClearingTests : IDisposable
{
    private const string System = "data-sd2e-community";
    private const string ArchivePath = "/products/v2/p/m/d";

    private readonly string _base = Path.Combine(Path.GetTempPath(), $"catalog-clear-{Guid.NewGuid():N}");

    // The storage root is a link to the real root, as a mounted or relocated root may be.
    private string Root => Path.Combine(_base, "root");

    private string RealRoot => Path.Combine(_base, "real-root");

    private string Outside => Path.Combine(_base, "outside");

    private string Archive => Path.Combine(RealRoot, System, "products", "v2", "p", "m", "d");

    public ArchiveClearingTests()
    {
        Directory.CreateDirectory(Archive);
        Directory.CreateSymbolicLink(Root, RealRoot);
        Directory.CreateDirectory(Path.Combine(Outside, "inner"));
        File.WriteAllText(Path.Combine(Outside, "keep.txt"), "keep");
        File.WriteAllText(Path.Combine(Outside, "inner", "keep.txt"), "keep");
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);

    private string[] OutsideFiles() =>
        Directory.EnumerateFileSystemEntries(Outside, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Given_a_folder_below_products_v2_then_it_resolves_to_its_real_path_and_emptying_removes_what_is_inside()
    {
        Directory.CreateDirectory(Path.Combine(Archive, "sub", "deeper"));
        File.WriteAllText(Path.Combine(Archive, "sub", "deeper", "a.txt"), "a");
        File.WriteAllText(Path.Combine(Archive, ".hidden"), "h");
        File.WriteAllText(Path.Combine(Archive, "-dash and space"), "d");
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(Archive)!, "sibling.txt"), "s");

        var (directory, refusal) = ArchiveClearing.Resolve(Root, System, ArchivePath);
        var removed = ArchiveClearing.Empty(directory!);

        Assert.Null(refusal);
        Assert.Equal(Archive, directory);
        Assert.Equal(3, removed);
        Assert.True(Directory.Exists(Archive));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Archive));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(Archive)!, "sibling.txt")));
    }

    [Theory]
    [InlineData("/products/v2/")]
    [InlineData("/products/v2")]
    [InlineData("/products/v2//")]
    [InlineData("//products//v2")]
    [InlineData("/products")]
    [InlineData("/")]
    [InlineData("")]
    [InlineData("/products/v3/p")]
    [InlineData("/products/v2/p/../../v2")]
    [InlineData("/products/v2/./")]
    [InlineData("products/v2/p")]
    public void Given_an_archive_path_not_strictly_below_products_v2_then_refused(string archivePath)
    {
        var (directory, refusal) = ArchiveClearing.Resolve(Root, System, archivePath);

        Assert.Null(directory);
        Assert.Contains("/products/v2", refusal);
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("../real-root/data-sd2e-community")]
    public void Given_a_system_that_is_not_one_folder_name_then_refused(string system)
    {
        var (directory, refusal) = ArchiveClearing.Resolve(Root, system, ArchivePath);

        Assert.Null(directory);
        Assert.NotNull(refusal);
    }

    [Theory]
    [InlineData("data-sd2e-community", true)]
    [InlineData("data-sd2e-community/products", true)]
    [InlineData("data-sd2e-community/products/v2", true)]
    [InlineData("data-sd2e-community/products/v2/p/m", true)]
    [InlineData("data-sd2e-community/products/v2/p/m/d", true)]
    [InlineData("data-sd2e-community/products/v2/p/m", false)]
    [InlineData("data-sd2e-community/products/v2/p/m/d", false)]
    public void Given_a_link_on_the_way_to_the_archive_folder_then_refused_wherever_it_points(string linked, bool toOutside)
    {
        var link = Path.Combine(RealRoot, linked);
        var moved = Path.Combine(RealRoot, "moved");
        Directory.Move(link, moved);
        Directory.CreateSymbolicLink(link, toOutside ? Outside : moved);
        if (toOutside)
        {
            Directory.CreateDirectory(Path.Combine(Outside, Path.GetRelativePath(link, Archive)));
        }

        var (directory, refusal) = ArchiveClearing.Resolve(Root, System, ArchivePath);

        Assert.Null(directory);
        Assert.Contains("symbolic link", refusal);
    }

    [Fact]
    public void Given_a_missing_archive_folder_then_it_resolves_and_emptying_removes_nothing()
    {
        var (directory, refusal) = ArchiveClearing.Resolve(Root, System, ArchivePath + "/not/yet");

        Assert.Null(refusal);
        Assert.Equal(Path.Combine(Archive, "not", "yet"), directory);
        Assert.Equal(0, ArchiveClearing.Empty(directory!));
    }

    [Fact]
    public void Given_links_inside_the_folder_when_emptied_then_each_link_is_removed_as_a_link_and_nothing_outside_is_touched()
    {
        var before = OutsideFiles();
        Directory.CreateDirectory(Path.Combine(Archive, "sub", "deeper"));
        File.WriteAllText(Path.Combine(Archive, "sub", "deeper", "a.txt"), "a");
        Directory.CreateSymbolicLink(Path.Combine(Archive, "to-folder"), Outside);
        File.CreateSymbolicLink(Path.Combine(Archive, "to-file"), Path.Combine(Outside, "keep.txt"));
        File.CreateSymbolicLink(Path.Combine(Archive, "dangling"), Path.Combine(Outside, "none"));
        Directory.CreateSymbolicLink(Path.Combine(Archive, "sub", "to-folder"), Outside);
        Directory.CreateSymbolicLink(Path.Combine(Archive, "sub", "deeper", "to-inner"), Path.Combine(Outside, "inner"));

        var removed = ArchiveClearing.Empty(Archive);

        Assert.Equal(4, removed);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Archive));
        Assert.Equal(before, OutsideFiles());
    }

    [Fact]
    public void Given_a_folder_that_is_a_link_when_emptied_then_refused_and_its_target_stays()
    {
        var link = Path.Combine(Archive, "linked");
        Directory.CreateSymbolicLink(link, Outside);
        var before = OutsideFiles();

        Assert.Throws<IOException>(() => ArchiveClearing.Empty(link));
        Assert.Equal(before, OutsideFiles());
    }

    [Fact]
    public void Given_a_folder_reached_through_a_link_when_emptied_then_refused_and_nothing_outside_is_touched()
    {
        Directory.CreateSymbolicLink(Path.Combine(Archive, "linked"), Outside);
        var before = OutsideFiles();

        Assert.Throws<IOException>(() => ArchiveClearing.Empty(Path.Combine(Archive, "linked", "inner")));
        Assert.Equal(before, OutsideFiles());
    }
}
