namespace Catalog.Cli.Http;

/// <summary>The catalog answered with an error status; <see cref="Exception.Message"/> is its problem's detail.</summary>
internal sealed class ApiException(int status, string message, string? retryAfter = null) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>The Retry-After header of a 503 (e.g. "5 s" or a date).</summary>
    public string? RetryAfter { get; } = retryAfter;

    public string Line => RetryAfter is null ? $"{Status}: {Message}" : $"{Status}: {Message} (Retry-After: {RetryAfter})";
}
