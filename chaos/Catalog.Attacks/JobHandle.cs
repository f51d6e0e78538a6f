namespace Catalog.Attacks;

/// <summary>A job the run created: its UUID, its current token and the measurement it is a child of.</summary>
internal sealed record JobHandle(string Uuid, string Token, string Measurement);
