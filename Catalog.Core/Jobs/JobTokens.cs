using System.Security.Cryptography;
using System.Text;

namespace Catalog.Core.Jobs;

/// <summary>
/// Per-job tokens: 128 bits of HMAC-SHA256 over the job UUID, its stream's incarnation and its token generation, keyed
/// by a server secret. Stable until an admin rotates the token (a new generation); a job purged and created again is
/// a new incarnation, so no token of its earlier life works. Compared exactly, in constant time.
/// </summary>
public sealed class JobTokens(byte[] secret)
{
    public string For(string jobUuid, int incarnation, int generation)
    {
        // The first incarnation keeps the form tokens had before incarnations existed, so handed-out tokens stay valid.
        var message = incarnation <= 1 ? $"{jobUuid}:{generation}" : $"{jobUuid}:{incarnation}:{generation}";
        var mac = HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(message));
        return Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }

    /// <summary>True when <paramref name="token"/> is exactly the job's current token.</summary>
    public bool Verify(JobState job, string? token)
    {
        if (token is null || !job.Exists)
        {
            return false;
        }
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(For(job.Spec!.Uuid, job.Incarnation, job.TokenGeneration)));
        // Hashes of equal length, so the comparison time depends on neither the token's length nor how much matched.
        return CryptographicOperations.FixedTimeEquals(expected, SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}
