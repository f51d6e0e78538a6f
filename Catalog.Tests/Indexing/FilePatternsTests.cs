using Catalog.Core.Indexing;

namespace Catalog.Tests.Indexing;

public class FilePatternsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);

    private static FilePatterns Compile(params string[] patterns) => FilePatterns.Compile(patterns, "filters[0].patterns", Timeout).Patterns!;

    [Theory]
    [InlineData(".txt$", "/products/v2/raw/a.txt", true)]
    [InlineData(".txt$", "/products/v2/raw/a.txt.bak", false)]
    [InlineData("summary", "/products/v2/my-summary-2.csv", true)]
    [InlineData("^a", "/products/v2/raw/a.txt", true)]
    [InlineData("^raw", "/products/v2/raw/a.txt", false)]
    [InlineData("v2", "/products/v2/raw/a.txt", false)]
    public void Given_a_pattern_then_it_is_searched_for_in_the_base_name_only(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, Compile(pattern).IsMatch(path));
    }

    [Fact]
    public void Given_several_patterns_then_a_file_matches_when_any_does()
    {
        var patterns = Compile(".txt$", ".tsv$");

        Assert.True(patterns.IsMatch("/x/a.tsv"));
        Assert.True(patterns.IsMatch("/x/a.txt"));
        Assert.False(patterns.IsMatch("/x/a.csv"));
    }

    [Fact]
    public void Given_no_patterns_then_every_file_matches()
    {
        Assert.True(Compile().IsMatch("/x/anything.bin"));
    }

    [Fact]
    public void Given_an_invalid_pattern_then_the_error_names_it()
    {
        var (patterns, errors) = FilePatterns.Compile([".txt$", "(unclosed"], "filters[1].patterns", Timeout);

        Assert.Null(patterns);
        var error = Assert.Single(errors);
        Assert.StartsWith("filters[1].patterns: the pattern '(unclosed' is not a valid regular expression", error);
    }

    [Fact]
    public void Given_a_catastrophic_pattern_on_a_long_name_then_it_times_out_cleanly_naming_pattern_and_file()
    {
        var name = "/x/" + new string('a', 5000) + "b";

        var slow = Assert.Throws<PatternTooSlowException>(() => Compile(".csv$", "(a+)+$").IsMatch(name));

        Assert.Equal("(a+)+$", slow.Pattern);
        Assert.Equal(name, slow.Path);
        Assert.Contains("too slow", slow.Message);
    }
}
