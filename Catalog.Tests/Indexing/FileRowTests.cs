using Catalog.Core.Jobs;
using Catalog.Core.Projections.Files;

namespace Catalog.Tests.Indexing;

public class FileRowTests
{
    private static FileRow Row(string? level, string? checksum, string[] derivedFrom, string job, long size) => new(new IndexedFile
    {
        Uuid = "105-file",
        FileId = "file.tacc.x",
        Name = "/a.txt",
        StorageSystem = "s",
        Level = level,
        Size = size,
        Checksum = checksum,
        DerivedFrom = derivedFrom,
    }, job, DateTimeOffset.UnixEpoch.AddSeconds(size));

    [Fact]
    public void Given_a_file_indexed_again_then_the_later_record_wins_but_a_missing_level_keeps_the_earlier_and_references_accumulate()
    {
        var merged = FileRow.Merge(Row("1", "abc", ["b", "a"], "job-1", 1), Row(null, null, ["c", "a"], "job-2", 2));

        Assert.Equal("1", merged.File.Level);
        Assert.Null(merged.File.Checksum);
        Assert.Equal(2, merged.File.Size);
        Assert.Equal(["a", "b", "c"], merged.File.DerivedFrom);
        Assert.Equal("job-2", merged.JobUuid);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(2), merged.IndexedAt);
    }

    [Fact]
    public void Given_a_new_level_then_it_overwrites()
    {
        Assert.Equal("2", FileRow.Merge(Row("1", null, [], "j", 1), Row("2", null, [], "j", 1)).File.Level);
    }
}
