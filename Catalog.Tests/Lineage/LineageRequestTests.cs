using Catalog.Core.Identifiers;
using Catalog.Core.Lineage;

namespace Catalog.Tests.Lineage;

public sealed class LineageRequestTests
{
    private const string Job = "107b93f3-1eae-5e79-8a18-0a480f8aa3a5";

    [Fact]
    public void Given_only_a_uuid_then_both_directions_depth_3_and_1000_nodes()
    {
        var (request, errors) = LineageRequest.Parse(Job.ToUpperInvariant(), null, " ", null);

        Assert.Empty(errors);
        Assert.Equal(new LineageRequest(Job, LineageDirection.Both, 3, 1000), request);
    }

    [Fact]
    public void Given_a_canonical_identifier_then_its_typed_uuid()
    {
        var (request, _) = LineageRequest.Parse("measurement.tacc.0xDEADBEEF", "Upstream", "20", "10000");

        Assert.Equal(new LineageRequest(TypedUuid.Create(UuidType.Measurement, "measurement.tacc.0xDEADBEEF"), LineageDirection.Upstream, 20, 10000),
            request);
    }

    [Theory]
    [InlineData("not-a-node", null, null, null, 1)]
    [InlineData("107b93f3-1eae-5e79", null, null, null, 1)]
    [InlineData(Job, "sideways", "0", "0", 3)]
    [InlineData(Job, null, "21", "10001", 2)]
    [InlineData(Job, null, "-1", "1e3", 2)]
    public void Given_bad_values_then_every_problem_is_named(string uuid, string? direction, string? depth, string? limit, int problems)
    {
        var (request, errors) = LineageRequest.Parse(uuid, direction, depth, limit);

        Assert.Null(request);
        Assert.Equal(problems, errors.Count);
    }
}
