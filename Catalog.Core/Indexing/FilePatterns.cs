using System.Text.RegularExpressions;

namespace Catalog.Core.Indexing;

/// <summary>
/// The patterns of one index request, matched as python-datacatalog did: <c>re.search('|'.join(patterns), basename)</c>,
/// so a file matches when any pattern is found anywhere in its base name, and no patterns match every file.
/// </summary>
/// <remarks>
/// The patterns are .NET regular expressions: whatever .NET accepts is accepted. Python's syntax differs at the edges
/// (<c>(?P&lt;name&gt;…)</c> is <c>(?&lt;name&gt;…)</c> here, <c>\d</c> and <c>\w</c> agree on Unicode); the patterns
/// seen in pipelines (<c>.txt$</c>, <c>summary\.csv$</c>) mean the same in both. Each pattern is compiled alone, so
/// an invalid or slow one is named, and matching any of them is what the joined alternation matches.
/// </remarks>
public sealed class FilePatterns
{
    private readonly (string Pattern, Regex Regex)[] _patterns;

    private FilePatterns((string, Regex)[] patterns) => _patterns = patterns;

    /// <summary>Compiles the patterns with a match timeout; the errors name each pattern that does not compile.</summary>
    public static (FilePatterns? Patterns, IReadOnlyList<string> Errors) Compile(IReadOnlyList<string> patterns, string label,
        TimeSpan matchTimeout)
    {
        var compiled = new List<(string, Regex)>();
        var errors = new List<string>();
        foreach (var pattern in patterns)
        {
            try
            {
                compiled.Add((pattern, new Regex(pattern, RegexOptions.CultureInvariant, matchTimeout)));
            }
            catch (ArgumentException ex)
            {
                errors.Add($"{label}: the pattern '{pattern}' is not a valid regular expression: {ex.Message}");
            }
        }
        return errors.Count == 0 ? (new FilePatterns(compiled.ToArray()), []) : (null, errors);
    }

    /// <summary>True when a pattern is found in the base name of <paramref name="path"/>.</summary>
    /// <exception cref="PatternTooSlowException">A pattern ran past the match timeout on this name.</exception>
    public bool IsMatch(string path)
    {
        if (_patterns.Length == 0)
        {
            return true;
        }
        var name = path[(path.LastIndexOf('/') + 1)..];
        foreach (var (pattern, regex) in _patterns)
        {
            try
            {
                if (regex.IsMatch(name))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                throw new PatternTooSlowException(pattern, path, regex.MatchTimeout);
            }
        }
        return false;
    }
}
