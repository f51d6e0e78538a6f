namespace Catalog.Chaos;

/// <summary>
/// Where an agent puts its job token. Agents use all three, so the secrets scan covers tokens that travel in headers
/// and in URLs (which request logging would be most likely to print).
/// </summary>
internal enum TokenChannel
{
    /// <summary><c>X-Catalog-Token</c> on <c>POST /api/v1/jobs/{uuid}/events</c>.</summary>
    Header,

    /// <summary><c>?token=</c> on <c>POST /api/v1/jobs/{uuid}/events</c>.</summary>
    Query,

    /// <summary>The compatibility webhook, <c>POST /api/v1/webhooks/jobs?uuid=&amp;token=</c>.</summary>
    Webhook,
}
