using System.Reflection;
using Catalog.Core.Identifiers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;

namespace Catalog.Webhooks.Http;

/// <summary>A typed UUID read from a route's <c>{uuid}</c>: lower-case, and of the type the route names.</summary>
public abstract record RouteUuid(string Value) : IFromStep
{
    public sealed override string ToString() => Value;

    /// <summary>The text as a UUID of <paramref name="type"/>, or a 422 saying what one looks like.</summary>
    protected static (T? Uuid, UnprocessableProblem? Problem) Read<T>(string text, UuidType type, string noun, Func<string, T> make)
        where T : RouteUuid =>
        TypedUuid.TryParse(text, out var uuid) && UuidType.ClassifyCatalog(uuid) == type
            ? (make(uuid), null)
            : (null, Problems.Unprocessable($"'{RequestText.Clip(text)}' is not a {noun} UUID (a UUID whose first three digits are {type.Prefix})."));
}

/// <summary>The job a route's path names.</summary>
public sealed record JobUuid(string Value) : RouteUuid(Value), IEndpointMetadataProvider
{
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) => ApiDocs.Add(builder,
        ParameterDoc.TypedUuid("uuid", ParameterSource.Path, "107", "The job UUID (first three digits 107); anything else is a 422.",
            "10776b2c-37b1-5b65-9b2a-d686d198a0fe"));

    /// <summary>The shared step of every route whose <c>{uuid}</c> names a job.</summary>
    public static (JobUuid? Uuid, UnprocessableProblem? Problem) Read(string uuid) => Read(uuid, UuidType.PipelineJob, "job", v => new JobUuid(v));
}

/// <summary>The pipeline a route's path names.</summary>
public sealed record PipelineUuid(string Value) : RouteUuid(Value), IEndpointMetadataProvider
{
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) => ApiDocs.Add(builder,
        ParameterDoc.TypedUuid("uuid", ParameterSource.Path, "106", "The pipeline UUID (first three digits 106); anything else is a 422.",
            "10631951-75c6-5bd9-8320-8edb88bd3a34"));

    /// <summary>The shared step of every route whose <c>{uuid}</c> names a pipeline.</summary>
    public static (PipelineUuid? Uuid, UnprocessableProblem? Problem) Read(string uuid) =>
        Read(uuid, UuidType.Pipeline, "pipeline", v => new PipelineUuid(v));
}

/// <summary>The group a route's path names.</summary>
public sealed record GroupUuid(string Value) : RouteUuid(Value), IEndpointMetadataProvider
{
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) => ApiDocs.Add(builder,
        ParameterDoc.TypedUuid("uuid", ParameterSource.Path, "112", "The group UUID (first three digits 112); anything else is a 422.",
            "1125e0a7-3c1d-5f7e-8a8b-5d0f3b1c2e4a"));

    /// <summary>The shared step of every route whose <c>{uuid}</c> names a group.</summary>
    public static (GroupUuid? Uuid, UnprocessableProblem? Problem) Read(string uuid) => Read(uuid, UuidType.JobGroup, "group", v => new GroupUuid(v));
}
