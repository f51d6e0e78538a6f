using Catalog.Core.Identifiers;

namespace Catalog.Webhooks.Jobs;

/// <summary>
/// What an <c>event_id</c> or <c>Idempotency-Key</c> may be. The key is stored as PostgreSQL text, which cannot hold
/// U+0000, and lone surrogates would be stored as U+FFFD, making two different keys one; both are refused as
/// malformed input rather than failing in the database or answering the wrong idempotent reply.
/// </summary>
public static class DeliveryKeys
{
    public const int MaxLength = 200;

    /// <summary>Null when the key is usable, else what is wrong with it.</summary>
    public static string? Problem(string key)
    {
        if (key.Length is 0 or > MaxLength)
        {
            return $"must be a non-empty string of at most {MaxLength} characters.";
        }
        return StorableText.Problem(key) is { } problem ? problem + "." : null;
    }
}
