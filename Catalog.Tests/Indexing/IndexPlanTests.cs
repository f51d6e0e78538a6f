using Catalog.Core.Identifiers;
using Catalog.Core.Indexing;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Indexing;

public class IndexPlanTests
{
    private const string ArchivePath = "/products/v2/p/m/d";
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);

    private static readonly JArray ArchivePatterns = JArray.Parse("""[{"patterns": [".txt$"], "level": "1"}]""");
    private static readonly JArray ProductPatterns = JArray.Parse("""[{"patterns": ["summary\\.csv$"], "derived_from": ["./raw/a.txt"], "derived_using": []}]""");

    private static IndexPlan Plan(JArray? filters, string? level = null)
    {
        var (plan, errors) = IndexPlan.Create(filters, ArchivePatterns, ProductPatterns, level, ArchivePath, Timeout);
        Assert.Empty(errors);
        return plan!;
    }

    [Fact]
    public void Given_no_filters_then_the_jobs_archive_and_product_patterns_in_that_order()
    {
        var plan = Plan(null);

        Assert.Equal(["archive_patterns[0]", "product_patterns[0]"], plan.Requests.Select(r => r.Request.Label));
        var archived = plan.Match(ArchivePath + "/raw/a.txt")!;
        var product = plan.Match(ArchivePath + "/summary.csv")!;
        Assert.Equal("1", archived.Level);
        Assert.Empty(archived.DerivedFrom);
        Assert.Null(product.Level);
        Assert.Equal([FileIdentity.FileUuid(ArchivePath + "/raw/a.txt")], product.DerivedFrom);
        Assert.Empty(product.DerivedUsing);
        Assert.Null(plan.Match(ArchivePath + "/ignore.bin"));
    }

    [Fact]
    public void Given_filters_then_only_they_are_used()
    {
        var plan = Plan(JArray.Parse("""[{"patterns": [".bin$"], "processing_level": "0"}]"""));

        Assert.Equal("filters[0]", Assert.Single(plan.Requests).Request.Label);
        Assert.Equal("0", plan.Match(ArchivePath + "/ignore.bin")!.Level);
        Assert.Null(plan.Match(ArchivePath + "/raw/a.txt"));
    }

    [Fact]
    public void Given_several_matching_requests_then_the_last_level_wins_and_references_accumulate_sorted()
    {
        var using1 = TypedUuid.Create(UuidType.Reference, "tool-b");
        var using2 = TypedUuid.Create(UuidType.Reference, "tool-a");
        var plan = Plan(JArray.Parse($$"""
            [{"patterns": [], "level": "1"}, {"patterns": ["x"], "level": "2"}, {"patterns": ["y"], "level": null},
             {"patterns": [], "derived_from": [], "derived_using": ["{{using1}}"]},
             {"patterns": ["x"], "derived_from": [], "derived_using": ["{{using2}}", "{{using1}}"]}]
            """));

        var match = plan.Match("/p/xy.dat")!;

        Assert.Equal("2", match.Level);
        Assert.Equal(new[] { using1, using2 }.Order(StringComparer.Ordinal), match.DerivedUsing);
    }

    [Fact]
    public void Given_every_kind_of_problem_then_each_is_reported_naming_its_request()
    {
        var (plan, errors) = IndexPlan.Create(JArray.Parse("""
            [{"patterns": ["("], "level": "1"}, {"patterns": []}, {"patterns": [], "derived_from": ["measurement.tacc.0x1"]}]
            """), [], [], "9", ArchivePath, Timeout);

        Assert.Null(plan);
        Assert.Collection(errors,
            e => Assert.StartsWith("level: must be a processing level", e),
            e => Assert.StartsWith("filters[0].patterns: the pattern '(' is not a valid regular expression", e),
            e => Assert.StartsWith("filters[2].derived_from: cannot resolve 'measurement.tacc.0x1'", e));
    }

    [Fact]
    public void Given_a_route_level_then_it_applies_to_requests_without_one()
    {
        var plan = Plan(JArray.Parse("""[{"patterns": [".txt$"]}, {"patterns": [".csv$"], "level": "3"}]"""), "2");

        Assert.Equal("2", plan.Match("/a/b.txt")!.Level);
        Assert.Equal("3", plan.Match("/a/b.csv")!.Level);
    }

    [Fact]
    public void Given_a_catastrophic_pattern_then_matching_stops_with_an_error_naming_it()
    {
        var plan = Plan(JArray.Parse("""[{"patterns": ["(a+)+$"], "level": "1"}]"""));

        var slow = Assert.Throws<PatternTooSlowException>(() => plan.Match("/p/" + new string('a', 5000) + "b"));

        Assert.Equal("(a+)+$", slow.Pattern);
    }

    [Fact]
    public void Given_the_references_then_each_once()
    {
        var plan = Plan(JArray.Parse("""
            [{"patterns": [], "derived_from": ["./a", "./b"], "derived_using": ["./a"]}, {"patterns": [], "derived_from": ["./b"]}]
            """));

        Assert.Equal(["./a", "./b"], plan.References.Select(r => r.Text));
    }
}
