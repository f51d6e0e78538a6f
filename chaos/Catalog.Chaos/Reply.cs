namespace Catalog.Chaos;

/// <summary>
/// What one request got back: the status (0 when nothing answered: refused, reset or timed out), whether a
/// <c>Retry-After</c> header came with it, whether the body was <c>application/problem+json</c>, and the body itself.
/// </summary>
internal sealed record Reply(int Status, bool HasRetryAfter, bool IsProblem, string Body)
{
    public static readonly Reply NoAnswer = new(0, false, false, "");

    public bool Ok => Status is >= 200 and < 300;

    /// <summary>The answer a database outage must give: 503, Retry-After, problem+json.</summary>
    public bool IsProperUnavailable => Status == 503 && HasRetryAfter && IsProblem;
}
