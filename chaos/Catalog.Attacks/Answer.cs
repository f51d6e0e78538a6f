namespace Catalog.Attacks;

/// <summary>What the catalog answered: status 0 means no answer at all (connection failure or time-out).</summary>
internal sealed record Answer(int Status, string? MediaType, string Body, TimeSpan Elapsed, string? Error)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public bool IsServerError => Status == 0 || Status >= 500;

    /// <summary>
    /// Kestrel's own refusal of a request it cannot parse (a request target with %00, a request line over 8 KiB): an
    /// empty 400/414/431 sent before any catalog code runs, which no application can turn into a problem document.
    /// </summary>
    public bool IsProtocolRejection => Status is 400 or 414 or 431 && MediaType is null && Body.Length == 0;

    public bool IsProblem => string.Equals(MediaType, "application/problem+json", StringComparison.OrdinalIgnoreCase);
}
