using System.Security.Cryptography;
using System.Text;

namespace Catalog.Core.Jobs;

/// <summary>
/// Per-job tokens: 128 bits of HMAC-SHA256 over the job UUID and its token generation, keyed by a server secret.
/// Stable until an admin rotates the token (a new generation); checked in constant time.
/// </summary>
public sealed class JobTokens(byte[] secret)
{
    public string For(string jobUuid, int generation)
    {
        var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{jobUuid}:{generation}"));
        return Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }

    public bool Verify(string jobUuid, int generation, string? token)
    {
        if (token is null)
        {
            return false;
        }
        var expected = Encoding.ASCII.GetBytes(For(jobUuid, generation));
        var given = Encoding.UTF8.GetBytes(token.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
