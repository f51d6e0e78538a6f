using Catalog.Core.Requests;
using Catalog.Webhooks.Http;

namespace Catalog.Api.Queries;

/// <summary>
/// The query parameters a route reads, declared once: any other is answered 400 naming the closest one it does (so a
/// mistyped or unsupported filter, <c>?measurement_id=</c> or <c>?pipeline=</c>, is never answered with the unfiltered
/// list), and the OpenAPI document lists them.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadsQueryAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;

    /// <summary>Where the parameters mean something other than on the list routes (<c>limit</c> of a lineage walk).</summary>
    public string? Meaning { get; init; }
}

public static class StrictQuery
{
    /// <summary>Answers 400 before a route declaring <see cref="ReadsQueryAttribute"/> runs, when the query names anything else.</summary>
    public static WebApplication UseStrictQuery(this WebApplication app)
    {
        app.Use((context, next) =>
            context.GetEndpoint()?.Metadata.GetMetadata<ReadsQueryAttribute>() is { } reads && Unknown(context.Request.Query, reads.Names) is { } unknown
                ? unknown.ExecuteAsync(context)
                : next(context));
        return app;
    }

    public static BadRequestProblem? Unknown(IQueryCollection query, IReadOnlyList<string> known)
    {
        var errors = UnknownFields.Errors(query.Keys, known, "query parameter", "this route reads");
        return errors.Count == 0 ? null
            : new BadRequestProblem("Unknown query parameter", string.Join(" ", errors), new Dictionary<string, object?> { ["errors"] = errors });
    }
}
