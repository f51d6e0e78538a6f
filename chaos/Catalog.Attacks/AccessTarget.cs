namespace Catalog.Attacks;

/// <summary>
/// What one cell of the access matrix works on: a fresh job whose token was rotated once (so <see cref="RotatedOut"/>
/// is a token that worked until a moment ago), another job's token, and names that exist in this catalog.
/// </summary>
internal sealed record AccessTarget(JobHandle Job, string RotatedOut, string OtherToken, string PipelineUuid,
    string UnknownFileUuid, string ProjectionName, Func<string> FreshJobSpec);
