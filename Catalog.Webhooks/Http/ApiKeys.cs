using System.Security.Cryptography;
using System.Text;

namespace Catalog.Webhooks.Http;

public enum CallerRole
{
    /// <summary>No <c>Authorization</c> header.</summary>
    Anonymous,
    /// <summary>A bearer key that is not configured (or a malformed header).</summary>
    Invalid,
    Agent,
    Admin,
}

/// <summary>The configured bearer keys (<c>CATALOG_ADMIN_KEYS</c>, <c>CATALOG_AGENT_KEYS</c>), compared in constant time.</summary>
public sealed class ApiKeys(IReadOnlyList<string> adminKeys, IReadOnlyList<string> agentKeys)
{
    private readonly byte[][] _admin = adminKeys.Select(Hash).ToArray();
    private readonly byte[][] _agent = agentKeys.Select(Hash).ToArray();

    public CallerRole Resolve(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return CallerRole.Anonymous;
        }
        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return CallerRole.Invalid;
        }
        // Comparing fixed-length hashes keeps the comparison time independent of the key and of how much matched.
        var presented = Hash(authorization[scheme.Length..].Trim());
        if (_admin.Any(key => CryptographicOperations.FixedTimeEquals(key, presented)))
        {
            return CallerRole.Admin;
        }
        return _agent.Any(key => CryptographicOperations.FixedTimeEquals(key, presented)) ? CallerRole.Agent : CallerRole.Invalid;
    }

    /// <summary>Who acted, for audit records: the role and a short fingerprint of the key, never the key itself.</summary>
    public static string Actor(CallerRole role, string? authorization)
    {
        var key = authorization is { Length: > 7 } ? authorization[7..].Trim() : "";
        return $"{role.ToString().ToLowerInvariant()}:{Convert.ToHexStringLower(Hash(key).AsSpan(0, 4))}";
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
