using System.Diagnostics;
using Catalog.Core.Indexing;

namespace Catalog.Tests.Indexing;

public sealed class NoFollowTests : IDisposable
{
    private readonly string _base = Path.Combine(Path.GetTempPath(), $"catalog-nofollow-{Guid.NewGuid():N}");

    private string Folder => Path.Combine(_base, "archive");

    private string Outside => Path.Combine(_base, "outside");

    public NoFollowTests()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "sub"));
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Folder, "sub", "a.txt"), "alpha");
        File.WriteAllText(Path.Combine(Outside, "a.txt"), "outside secret");
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);

    [Fact]
    public void Given_a_regular_file_inside_the_folder_then_it_opens_with_its_size_and_reads()
    {
        var (handle, size, refusal) = NoFollow.OpenFileInside(Path.Combine(Folder, "sub", "a.txt"), Folder);

        Assert.Null(refusal);
        Assert.NotNull(handle);
        using var stream = new FileStream(handle, FileAccess.Read);
        Assert.Equal(5, size);
        Assert.Equal("alpha", new StreamReader(stream).ReadToEnd());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Given_a_path_whose_last_component_is_a_link_then_refused_wherever_it_points(bool toOutside)
    {
        var link = Path.Combine(Folder, "link.txt");
        File.CreateSymbolicLink(link, toOutside ? Path.Combine(Outside, "a.txt") : Path.Combine(Folder, "sub", "a.txt"));

        var (handle, _, refusal) = NoFollow.OpenFileInside(link, Folder);

        Assert.Null(handle);
        Assert.Contains("symbolic link", refusal);
    }

    [Fact]
    public void Given_a_path_through_a_folder_that_is_a_link_to_outside_then_refused()
    {
        Directory.CreateSymbolicLink(Path.Combine(Folder, "elsewhere"), Outside);

        var (handle, _, refusal) = NoFollow.OpenFileInside(Path.Combine(Folder, "elsewhere", "a.txt"), Folder);

        Assert.Null(handle);
        Assert.Contains("leads outside", refusal);
    }

    [Fact]
    public void Given_a_path_through_a_sibling_folder_whose_name_starts_like_the_folder_then_refused()
    {
        Directory.CreateDirectory(Folder + "-sibling");
        File.WriteAllText(Path.Combine(Folder + "-sibling", "a.txt"), "sibling");

        var (handle, _, refusal) = NoFollow.OpenFileInside(Path.Combine(Folder + "-sibling", "a.txt"), Folder);

        Assert.Null(handle);
        Assert.Contains("leads outside", refusal);
    }

    [Fact]
    public void Given_a_folder_or_a_fifo_in_a_files_place_then_refused_without_waiting_for_a_writer()
    {
        var fifo = Path.Combine(Folder, "pipe.txt");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var (fifoHandle, _, fifoRefusal) = NoFollow.OpenFileInside(fifo, Folder);
        var (folderHandle, _, folderRefusal) = NoFollow.OpenFileInside(Path.Combine(Folder, "sub"), Folder);

        Assert.Null(fifoHandle);
        Assert.Contains("not a regular file", fifoRefusal);
        Assert.Null(folderHandle);
        Assert.Contains("not a regular file", folderRefusal);
    }

    [Theory]
    [InlineData("sub/none.txt")]
    [InlineData("none/a.txt")]
    [InlineData("sub/a.txt/below")]
    public void Given_nothing_at_the_path_then_neither_a_handle_nor_a_refusal(string relative)
    {
        var (handle, _, refusal) = NoFollow.OpenFileInside(Path.Combine(Folder, relative), Folder);

        Assert.Null(handle);
        Assert.Null(refusal);
    }

    [Fact]
    public void Given_a_link_to_a_folder_then_its_real_folder_is_the_target_only_when_links_may_be_followed()
    {
        var link = Path.Combine(_base, "linked");
        Directory.CreateSymbolicLink(link, Folder);

        Assert.Equal(Folder, NoFollow.RealFolder(link));
        Assert.Null(NoFollow.RealFolderNotLinked(link));
        Assert.Equal(Folder, NoFollow.RealFolderNotLinked(Folder));
        Assert.Null(NoFollow.RealFolder(Path.Combine(Folder, "sub", "a.txt")));
    }
}
