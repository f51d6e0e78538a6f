using Microsoft.AspNetCore.Builder;

namespace Catalog.Webhooks.Http;

// What a route reads by hand, declared as endpoint metadata by the step that reads it, so the OpenAPI document
// generated from the endpoints describes it (the document's transformers turn these into parameters, request bodies
// and security requirements).

/// <summary>Where a documented parameter is read from.</summary>
public enum ParameterSource
{
    Path,
    Query,
    Header,
}

/// <summary>A parameter a route reads, as the OpenAPI document describes it.</summary>
public sealed record ParameterDoc(string Name, ParameterSource In, string Description)
{
    /// <summary>The JSON schema type: string, integer or boolean.</summary>
    public string Type { get; init; } = "string";

    public string? Format { get; init; }

    public string? Pattern { get; init; }

    public long? Minimum { get; init; }

    public long? Maximum { get; init; }

    public int? MaxLength { get; init; }

    public string? Default { get; init; }

    public IReadOnlyList<string>? Enum { get; init; }

    /// <summary>A shape type whose schema the parameter has (an enum of the document), instead of the fields above.</summary>
    public Type? Shape { get; init; }

    public string? Example { get; init; }

    /// <summary>A job UUID in a path or query parameter.</summary>
    public static ParameterDoc TypedUuid(string name, ParameterSource source, string prefix, string description, string example) =>
        new(name, source, description) { Format = "uuid", Pattern = "^" + prefix, Example = example };
}

/// <summary>Who may call a route: anonymously or not, and with which of the document's security schemes.</summary>
public sealed record SecurityDoc(bool Anonymous, IReadOnlyList<string> Schemes)
{
    public const string Bearer = "bearerAuth";
    public const string JobToken = "jobToken";
    public const string JobTokenQuery = "jobTokenQuery";

    /// <summary>A job token (header or URL) or an admin key.</summary>
    public static SecurityDoc JobTokenOrKey { get; } = new(false, [JobToken, JobTokenQuery, Bearer]);
}

/// <summary>The JSON body a route reads, described by <see cref="Shape"/>.</summary>
public sealed record RequestBodyDoc(Type Shape, bool Required, string Description);

/// <summary>Adds docs to an endpoint's metadata.</summary>
public static class ApiDocs
{
    public static void Add(EndpointBuilder builder, params object[] docs)
    {
        foreach (var doc in docs)
        {
            builder.Metadata.Add(doc);
        }
    }

    /// <summary>The parameters a job token can come in besides the body.</summary>
    public static readonly ParameterDoc[] TokenParameters =
    [
        new("token", ParameterSource.Query, "The job token (alternative to the body's `token` and `X-Catalog-Token`)."),
        new("X-Catalog-Token", ParameterSource.Header, "The job token (alternative to the body's `token` and `?token=`)."),
    ];

}
