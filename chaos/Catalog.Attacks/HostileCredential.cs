namespace Catalog.Attacks;

/// <summary>Who a hostile request claims to be; most requests carry valid credentials so they reach the handlers.</summary>
internal enum HostileCredential
{
    AdminKey,
    AgentKey,
    OwnToken,
    OtherToken,
    RotatedToken,
    None,
    GarbageKey,
}
