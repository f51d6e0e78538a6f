namespace Catalog.Tests.Http;

/// <summary>Job creation bodies for the HTTP tests.</summary>
internal static class JobBodies
{
    /// <summary>A job of <paramref name="pipeline"/> made unique by <paramref name="label"/>; <paramref name="fields"/>, a JSON object, adds members.</summary>
    public static string Of(string pipeline, string label, string? fields = null) =>
        $$"""{"pipeline_uuid":"{{pipeline}}","data":{"label":"{{label}}"}{{(fields is null ? "" : "," + fields.Trim()[1..^1])}}}""";
}
