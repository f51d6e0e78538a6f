namespace Catalog.Attacks;

/// <summary>
/// The statuses the contract (http-api.md, openapi.json) gives each credential on a route; a credential that is
/// absent is not tried. Several statuses are allowed only where the contract itself leaves the outcome to data the
/// attacks cannot see (indexing: 200 when the archive folder is usable, 422 when it is not).
/// </summary>
internal sealed record AccessExpectation(IReadOnlyDictionary<Credential, int[]> Statuses)
{
    private static readonly Credential[] Tokens = [Credential.OwnToken, Credential.OtherToken, Credential.RotatedToken];

    /// <summary>Open to read: every credential gets the same answer (a stray job token is not a credential here).</summary>
    public static AccessExpectation Open(int status) => new(new Dictionary<Credential, int[]>
    {
        [Credential.None] = [status], [Credential.AgentKey] = [status], [Credential.AdminKey] = [status],
        [Credential.OwnToken] = [status], [Credential.OtherToken] = [status], [Credential.RotatedToken] = [status],
    });

    /// <summary>Admin key only: 401 without a key (a job token is no key), 403 for the agent key.</summary>
    public static AccessExpectation AdminOnly(params int[] ok) => Build(ok, agent: [403], own: [401]);

    /// <summary>Agent or admin key (pipelines, job creation).</summary>
    public static AccessExpectation AgentOrAdmin(params int[] ok) => Build(ok, agent: ok, own: [401]);

    /// <summary>The job's own token or an admin key; an agent key is neither (401).</summary>
    public static AccessExpectation JobToken(params int[] ok) => Build(ok, agent: [401], own: ok);

    /// <summary><c>reset</c>/<c>ready</c> sent as events: admin only, 403 for the agent key, 401 for any token.</summary>
    public static AccessExpectation AdminEvent(params int[] ok) => Build(ok, agent: [403], own: [401]);

    private static AccessExpectation Build(int[] ok, int[] agent, int[] own)
    {
        var statuses = new Dictionary<Credential, int[]>
        {
            [Credential.None] = [401], [Credential.AgentKey] = agent, [Credential.AdminKey] = ok,
            [Credential.UnknownKey] = [401], [Credential.OwnToken] = own,
        };
        foreach (var token in Tokens.Where(t => t != Credential.OwnToken))
        {
            statuses[token] = [401];
        }
        return new AccessExpectation(statuses);
    }
}
