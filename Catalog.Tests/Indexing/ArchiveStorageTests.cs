using Catalog.Core.Indexing;

namespace Catalog.Tests.Indexing;

public sealed class ArchiveStorageTests : IDisposable
{
    private const string System = "data-sd2e-community";
    private const string ArchivePath = "/products/v2/p/m/d";

    private readonly string _base = Path.Combine(Path.GetTempPath(), $"catalog-scan-{Guid.NewGuid():N}");

    private string Root => Path.Combine(_base, "root");

    private string Archive => Path.Combine(Root, System, "products", "v2", "p", "m", "d");

    public ArchiveStorageTests()
    {
        Directory.CreateDirectory(Path.Combine(Archive, "raw"));
        Directory.CreateDirectory(Path.Combine(_base, "outside"));
        File.WriteAllText(Path.Combine(Archive, "raw", "a.txt"), "a");
        File.WriteAllText(Path.Combine(Archive, ".hidden"), "h");
        File.WriteAllText(Path.Combine(_base, "outside", "secret.txt"), "s");
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);

    [Fact]
    public void Given_a_folder_then_its_files_as_catalog_paths_dot_files_included_links_skipped()
    {
        File.CreateSymbolicLink(Path.Combine(Archive, "secret.txt"), Path.Combine(_base, "outside", "secret.txt"));
        Directory.CreateSymbolicLink(Path.Combine(Archive, "elsewhere"), Path.Combine(_base, "outside"));
        var storage = new ArchiveStorage(Root);

        var (directory, problem) = storage.ResolveDirectory(System, ArchivePath);
        var files = ArchiveStorage.Scan(directory!, ArchivePath).Select(f => f.CatalogPath).Order(StringComparer.Ordinal);

        Assert.Null(problem);
        Assert.Equal([ArchivePath + "/.hidden", ArchivePath + "/raw/a.txt"], files);
    }

    [Theory]
    [InlineData(System, "/products/v2/../../../outside")]
    [InlineData("..", "/outside")]
    [InlineData("a/b", "/x")]
    [InlineData(System, "relative/path")]
    public void Given_a_path_outside_the_root_then_refused(string system, string archivePath)
    {
        var (directory, problem) = new ArchiveStorage(Root).ResolveDirectory(system, archivePath);

        Assert.Null(directory);
        Assert.Contains("not a folder inside the storage root", problem);
    }

    [Fact]
    public void Given_an_archive_path_through_a_link_then_refused()
    {
        Directory.CreateSymbolicLink(Path.Combine(Root, System, "products", "linked"), Path.Combine(_base, "outside"));

        var storage = new ArchiveStorage(Root);

        Assert.Null(storage.ResolveDirectory(System, "/products/linked").Directory);
        Assert.False(storage.FileExists(System, "/products/linked/secret.txt"));
    }

    [Fact]
    public void Given_a_missing_folder_then_nothing_to_index()
    {
        var (directory, problem) = new ArchiveStorage(Root).ResolveDirectory(System, "/products/v2/none");

        Assert.Null(directory);
        Assert.Equal($"Nothing to index at agave://{System}/products/v2/none: the folder does not exist.", problem);
    }

    [Fact]
    public void Given_files_then_only_regular_files_inside_the_root_exist()
    {
        File.CreateSymbolicLink(Path.Combine(Archive, "link.txt"), Path.Combine(Archive, "raw", "a.txt"));
        var storage = new ArchiveStorage(Root);

        Assert.True(storage.FileExists(System, ArchivePath + "/raw/a.txt"));
        Assert.False(storage.FileExists(System, ArchivePath + "/raw"));
        Assert.False(storage.FileExists(System, ArchivePath + "/link.txt"));
        Assert.False(storage.FileExists(System, ArchivePath + "/raw/nope.txt"));
    }
}
