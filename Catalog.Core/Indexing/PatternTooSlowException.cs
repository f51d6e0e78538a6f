namespace Catalog.Core.Indexing;

/// <summary>A file-name pattern ran past its match timeout (catastrophic backtracking, e.g. <c>(a+)+$</c>).</summary>
public sealed class PatternTooSlowException(string pattern, string path, TimeSpan timeout)
    : Exception($"The pattern '{pattern}' is too slow: matching it against '{path}' took over {timeout.TotalMilliseconds:0} ms. Simplify it (avoid nested repetition such as (a+)+).")
{
    public string Pattern { get; } = pattern;

    public string Path { get; } = path;
}
