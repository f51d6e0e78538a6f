using System.Globalization;

namespace Catalog.Attacks;

/// <summary>The command line the chaos runner calls; every option is required so a run never attacks a default.</summary>
internal sealed record AttackOptions(
    Uri Url, string AdminKey, string AgentKey, string Db, int Requests, ulong Seed, string SecretsOut)
{
    public static AttackOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }
            values[args[i][2..]] = args[++i];
        }
        string Need(string name) => values.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new ArgumentException($"--{name} is required");
        return new AttackOptions(
            new Uri(Need("url").TrimEnd('/') + "/"),
            Need("admin-key"),
            Need("agent-key"),
            Need("db"),
            int.Parse(Need("requests"), CultureInfo.InvariantCulture),
            ulong.Parse(Need("seed"), CultureInfo.InvariantCulture),
            Need("secrets-out"));
    }

    public const string Usage =
        "usage: Catalog.Attacks --url URL --admin-key K --agent-key K --db CONNSTRING --requests N --seed S --secrets-out FILE";
}
