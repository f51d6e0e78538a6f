namespace Catalog.Attacks;

/// <summary>The three places the contract accepts a job token.</summary>
internal enum TokenCarrier
{
    Header,
    Query,
    Body,
}
