namespace Catalog.Attacks;

/// <summary>A job the run created: its UUID, its current token, the measurement it is a child of and the creation
/// body that made it (posting it again attaches to the job).</summary>
internal sealed record JobHandle(string Uuid, string Token, string Measurement, string Spec);
