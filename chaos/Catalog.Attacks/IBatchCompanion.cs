namespace Catalog.Attacks;

/// <summary>
/// Well-formed traffic sent at the same moments as a batch of hostile requests, so both share the server's group
/// commits and its projections' batches. The companion keeps sending until <paramref name="batch"/> completes.
/// </summary>
internal interface IBatchCompanion
{
    /// <summary>Answers whether something it sent may have changed the database (the batch is then held to the
    /// replay check instead of the "nothing changed" one).</summary>
    Task<bool> AccompanyAsync(Task batch, CancellationToken cancellationToken);
}
