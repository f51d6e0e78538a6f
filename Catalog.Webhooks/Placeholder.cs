namespace Catalog.Webhooks;
