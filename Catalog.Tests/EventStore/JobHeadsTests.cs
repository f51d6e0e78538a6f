using Catalog.Core.EventStore;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.EventStore;

public sealed class JobHeadsTests
{
    [Fact]
    public void Given_more_heads_than_capacity_then_the_least_recently_used_goes_first()
    {
        var heads = new JobHeads(capacity: 2);
        heads.Set("a", Head(1));
        heads.Set("b", Head(1));
        Assert.NotNull(heads.Get("a"));

        heads.Set("c", Head(1));

        Assert.Equal(2, heads.Count);
        Assert.Null(heads.Get("b"));
        Assert.Equal(1L, heads.Get("a")!.Version);
        Assert.NotNull(heads.Get("c"));
    }

    [Fact]
    public void Given_a_head_when_set_again_or_forgotten_then_the_newest_or_none_is_kept()
    {
        var heads = new JobHeads(capacity: 2);
        heads.Set("a", Head(1));
        heads.Set("a", Head(2));
        Assert.Equal(2L, heads.Get("a")!.Version);
        Assert.Equal(1, heads.Count);

        heads.Forget("a");

        Assert.Null(heads.Get("a"));
        Assert.Equal(0, heads.Count);
    }

    private static JobState Head(long version) => JobState.Initial with { Exists = true, Version = version };
}
