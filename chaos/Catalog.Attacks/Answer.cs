namespace Catalog.Attacks;

/// <summary>What the catalog answered: status 0 means no answer at all (connection failure or time-out).</summary>
internal sealed record Answer(int Status, string? MediaType, string Body, TimeSpan Elapsed, string? Error)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public bool IsServerError => Status == 0 || Status >= 500;

    public bool IsProblem => string.Equals(MediaType, "application/problem+json", StringComparison.OrdinalIgnoreCase);
}
