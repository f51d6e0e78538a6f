namespace Catalog.Webhooks;

/// <summary>Marks this assembly so the host can register its Wolverine endpoints.</summary>
public static class WebhooksAssembly;
