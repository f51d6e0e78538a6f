namespace Catalog.Attacks;

/// <summary>Who a request of the access matrix claims to be.</summary>
internal enum Credential
{
    None,
    AgentKey,
    AdminKey,
    OwnToken,
    OtherToken,
    RotatedToken,
    /// <summary>A bearer key that is configured nowhere.</summary>
    UnknownKey,
}
