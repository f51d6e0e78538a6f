namespace Catalog.Chaos;

/// <summary>What every part shares: the settings, the client, the database checks, the running catalog and the results.</summary>
internal sealed class ChaosContext(ChaosOptions options, ChaosClient client, ServerErrorLedger ledger, ChaosResults results)
{
    public ChaosOptions Options => options;

    public ChaosClient Client => client;

    public ServerErrorLedger Ledger => ledger;

    public ChaosResults Results => results;

    public StoreCheck Store { get; } = new(options.CatalogDb);

    /// <summary>A tag unique to this run, so markers of an earlier run on the same database never count.</summary>
    public string Run { get; } = "c" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The catalog now running; the crash part replaces it after every kill.</summary>
    public required CatalogProcess Catalog { get; set; }

    public required string PipelineUuid { get; init; }
}
