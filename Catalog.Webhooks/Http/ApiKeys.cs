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

/// <summary>
/// The configured bearer keys (<c>CATALOG_ADMIN_KEYS</c>, <c>CATALOG_AGENT_KEYS</c>), compared in constant time. An
/// entry <c>name:key</c> names its key (name: 1-64 letters, digits, '.', '_' or '-'); an unnamed key is named by a short
/// fingerprint of itself. The name is the actor recorded with what the key does.
/// </summary>
public sealed partial class ApiKeys(IReadOnlyList<string> adminKeys, IReadOnlyList<string> agentKeys)
{
    private readonly (byte[] Hash, string Name)[] _admin = adminKeys.Select(Entry).ToArray();
    private readonly (byte[] Hash, string Name)[] _agent = agentKeys.Select(Entry).ToArray();

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
        if (_admin.Any(key => CryptographicOperations.FixedTimeEquals(key.Hash, presented)))
        {
            return CallerRole.Admin;
        }
        return _agent.Any(key => CryptographicOperations.FixedTimeEquals(key.Hash, presented)) ? CallerRole.Agent : CallerRole.Invalid;
    }

    /// <summary>Who acted, for audit records: the role and the key's name (or a short fingerprint), never the key itself.</summary>
    public string Actor(CallerRole role, string? authorization)
    {
        var presented = Hash(authorization is { Length: > 7 } ? authorization[7..].Trim() : "");
        var keys = role switch { CallerRole.Admin => _admin, CallerRole.Agent => _agent, _ => [] };
        var name = keys.FirstOrDefault(key => CryptographicOperations.FixedTimeEquals(key.Hash, presented)).Name
            ?? Fingerprint(presented);
        return $"{role.ToString().ToLowerInvariant()}:{name}";
    }

    private static (byte[] Hash, string Name) Entry(string entry)
    {
        var named = NamedKey().Match(entry);
        var key = named.Success ? named.Groups[2].Value : entry;
        return (Hash(key), named.Success ? named.Groups[1].Value : Fingerprint(Hash(key)));
    }

    private static string Fingerprint(byte[] hash) => Convert.ToHexStringLower(hash.AsSpan(0, 4));

    [System.Text.RegularExpressions.GeneratedRegex("^([A-Za-z0-9._-]{1,64}):(.+)$")]
    private static partial System.Text.RegularExpressions.Regex NamedKey();

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
