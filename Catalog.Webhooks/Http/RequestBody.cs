using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Newtonsoft.Json.Linq;

namespace Catalog.Webhooks.Http;

/// <summary>A JSON body a route reads, made from the strictly parsed JSON (or null when the request has no body).</summary>
public interface IRequestBody<TSelf> : IFromStep, IEndpointMetadataProvider where TSelf : class, IRequestBody<TSelf>
{
    /// <summary>The body, or the 422 naming each field to fix.</summary>
    static abstract (TSelf? Body, BodyProblem? Problem) From(JToken? json);

    /// <summary>How the OpenAPI document describes the body (a <see cref="RequestBodyDoc"/>) and what else the route reads with it.</summary>
    static abstract IReadOnlyList<object> Docs { get; }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) => ApiDocs.Add(builder, [.. TSelf.Docs]);
}

/// <summary>
/// The one binding step of every route with a body: Json.NET with the catalog's strict parser (number kinds kept for
/// the identifier hashes, duplicate keys and unstorable text refused, the size limit), then the route's body type.
/// </summary>
public static class RequestBody
{
    public static async Task<(TBody? Body, BodyProblem? Problem)> ReadAsync<TBody>(HttpRequest request, CancellationToken cancellationToken)
        where TBody : class, IRequestBody<TBody>
    {
        var (json, problem) = await JsonBody.ReadAsync(request, cancellationToken);
        return problem is null ? TBody.From(json) : (null, problem);
    }
}

/// <summary>Any JSON body, or none, for a route that reads it together with something else (the compatibility webhook).</summary>
public sealed record AnyJson(JToken? Value) : IRequestBody<AnyJson>
{
    public static (AnyJson? Body, BodyProblem? Problem) From(JToken? json) => (new AnyJson(json), null);

    public static IReadOnlyList<object> Docs { get; } = [];
}
