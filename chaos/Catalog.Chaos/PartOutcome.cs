namespace Catalog.Chaos;

/// <summary>How a part ended, with the reasons when it failed (or why it did not run).</summary>
internal sealed class PartOutcome(string name)
{
    private readonly List<string> _problems = [];

    public string Name => name;

    public bool Ran { get; private set; } = true;

    public string? NotRunReason { get; private set; }

    public IReadOnlyList<string> Problems => _problems;

    public bool Passed => Ran && _problems.Count == 0;

    public string Verdict => !Ran ? "not run" : Passed ? "passed" : "failed";

    /// <summary>Records a problem when <paramref name="ok"/> is false; returns <paramref name="ok"/>.</summary>
    public bool Check(bool ok, string problem)
    {
        if (!ok)
        {
            _problems.Add(problem);
        }
        return ok;
    }

    public void Fail(string problem) => _problems.Add(problem);

    public void NotRun(string reason)
    {
        Ran = false;
        NotRunReason = reason;
    }
}
