namespace Catalog.Attacks;

/// <summary>
/// A request whose only fault is text PostgreSQL cannot store (a NUL, a lone surrogate) or a forged cursor, sent with
/// valid credentials on a well-formed route: the contract's answer is 422 naming <see cref="Field"/>.
/// <see cref="AlsoAllowed"/> holds the honest exceptions for this field (a poisoned credential or job reference is
/// decided as such before the body is looked at); 413 for size is always allowed.
/// </summary>
internal sealed record UnstorableExpectation(string Field, IReadOnlyCollection<int> AlsoAllowed)
{
    public bool Accepts(int status) => status is 422 or 413 || AlsoAllowed.Contains(status);

    /// <summary>The name a 422 should mention: the member or parameter whose value was poisoned. None for a poisoned
    /// member name, which cannot be quoted back as it was.</summary>
    public string? NamedField => Field.EndsWith("(member name)", StringComparison.Ordinal) ? null : Field;
}
