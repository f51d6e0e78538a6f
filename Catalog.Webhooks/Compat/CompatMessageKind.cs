namespace Catalog.Webhooks.Compat;

/// <summary>Which of the jobs-manager's message forms a compatibility webhook call was read as.</summary>
public enum CompatMessageKind
{
    /// <summary>An event message <c>{uuid?, name | event, data?, token?, event_id?}</c>.</summary>
    EventMessage,
    /// <summary>An Aloe/Agave job record posted by the jobs service as a notification.</summary>
    AloeNotification,
    /// <summary>No usable body: everything comes from the URL parameters.</summary>
    EmptyPost,
}
