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
        if (key.Contains('\0'))
        {
            return "must not contain the character U+0000.";
        }
        for (var i = 0; i < key.Length; i++)
        {
            if (char.IsHighSurrogate(key[i]) && i + 1 < key.Length && char.IsLowSurrogate(key[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(key[i]))
            {
                return "must be valid Unicode text (it holds a lone surrogate).";
            }
        }
        return null;
    }
}
