using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Catalog.Webhooks.Shapes;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Catalog.Webhooks.Http;

// The typed outcomes of the catalog's routes. A route's return type (Results<...> of these) lists every status it can
// answer; each type declares its status, body shape and content type to the endpoint's metadata, which the OpenAPI
// document is generated from. Statuses a shared step answers are declared by that step's own outcome type.

/// <summary>JSON written by Json.NET, so numbers keep the form they were stored with; the status is the type's.</summary>
public abstract class JsonOutcome : IResult, IStatusCodeHttpResult
{
    private readonly string _json;

    protected JsonOutcome(string json, int status)
    {
        _json = json;
        StatusCode = status;
    }

    public int? StatusCode { get; }

    public virtual Task ExecuteAsync(HttpContext httpContext) =>
        Results.Content(_json, "application/json", null, StatusCode).ExecuteAsync(httpContext);

    protected static void Declare(EndpointBuilder builder, int status, Type shape, string description) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, shape, ["application/json"]) { Description = description });

    protected static string Text(JToken body) => body.ToString(Formatting.None);
}

/// <summary>200 with a JSON body described by <typeparamref name="TShape"/>.</summary>
public sealed class JsonOk<TShape> : JsonOutcome, IEndpointMetadataProvider
{
    public JsonOk(JToken body) : base(Text(body), StatusCodes.Status200OK)
    {
    }

    /// <summary>A body already serialized as JSON.</summary>
    public JsonOk(string json) : base(json, StatusCodes.Status200OK)
    {
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status200OK, typeof(TShape), "OK");
}

/// <summary>
/// 200 with the JSON body described by <typeparamref name="TShape"/>, or the same answer in another form the route
/// offers (e.g. PROV-JSON, Turtle, DOT), written with its media type.
/// </summary>
public sealed class FormattedOk<TShape>(string body, string mediaType) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext) =>
        Results.Content(body, mediaType.StartsWith("text/", StringComparison.Ordinal) ? $"{mediaType}; charset=utf-8" : mediaType, null,
            StatusCodes.Status200OK).ExecuteAsync(httpContext);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TShape), ["application/json"]) { Description = "OK" });
}

/// <summary>201 with a JSON body described by <typeparamref name="TShape"/> and the new resource's address.</summary>
public sealed class JsonCreated<TShape>(JToken body, string location) : JsonOutcome(Text(body), StatusCodes.Status201Created),
    IEndpointMetadataProvider
{
    public override Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.Location = location;
        return base.ExecuteAsync(httpContext);
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status201Created, typeof(TShape), "Created");
}

/// <summary>202 with a JSON body described by <typeparamref name="TShape"/>: the work goes on after the answer.</summary>
public sealed class JsonAccepted<TShape>(JToken body) : JsonOutcome(Text(body), StatusCodes.Status202Accepted), IEndpointMetadataProvider
{
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status202Accepted, typeof(TShape), "Accepted");
}

/// <summary>An RFC 9457 problem+json answer; the subclass names its status.</summary>
public abstract class ProblemOutcome : IResult, IStatusCodeHttpResult
{
    private readonly IResult _problem;

    protected ProblemOutcome(int status, string title, string detail, IDictionary<string, object?>? extensions)
    {
        _problem = Results.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);
        StatusCode = status;
    }

    public int? StatusCode { get; }

    public virtual Task ExecuteAsync(HttpContext httpContext) => _problem.ExecuteAsync(httpContext);

    protected static void Declare(EndpointBuilder builder, int status, string description, Type? shape = null) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, shape ?? typeof(ProblemShape), ["application/problem+json"])
        {
            Description = description,
        });
}

/// <summary>400: a query parameter the route does not read.</summary>
public sealed class BadRequestProblem(string title, string detail, IDictionary<string, object?>? extensions = null)
    : ProblemOutcome(StatusCodes.Status400BadRequest, title, detail, extensions), IEndpointMetadataProvider
{
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status400BadRequest, "A query parameter the route does not read (the answer names the closest one it does).",
            typeof(ValidationProblemShape));
}

/// <summary>401: no key, a key that is not valid, or a job token that is missing or wrong.</summary>
public sealed class UnauthorizedProblem(string detail)
    : ProblemOutcome(StatusCodes.Status401Unauthorized, "Unauthorized", detail, null), IEndpointMetadataProvider
{
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status401Unauthorized, "The key or job token is missing, not valid, or wrong for this job.");
}

/// <summary>404: the job, pipeline, file or projection named does not exist (or is hidden from this caller).</summary>
public sealed class NotFoundProblem(string detail)
    : ProblemOutcome(StatusCodes.Status404NotFound, "Not found", detail, null), IEndpointMetadataProvider
{
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status404NotFound, "Nothing of that name exists, or it is hidden from this caller.");
}

/// <summary>409: the event is not allowed in the job's state, or a delivery key was used with another payload.</summary>
public sealed class ConflictProblem(string detail, IDictionary<string, object?>? extensions = null)
    : ProblemOutcome(StatusCodes.Status409Conflict, "Conflict", detail, extensions), IEndpointMetadataProvider
{
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status409Conflict,
            "The event is not allowed in the job's state (the answer lists the state and the allowed events), or the delivery key was used with another payload.",
            typeof(StateProblemShape));
}

/// <summary>422: the request is well-formed HTTP but names or carries something the catalog cannot use.</summary>
public sealed class UnprocessableProblem(string title, string detail, IDictionary<string, object?>? extensions = null)
    : ProblemOutcome(StatusCodes.Status422UnprocessableEntity, title, detail, extensions), IEndpointMetadataProvider
{
    public const string Title = "The request cannot be processed";

    public UnprocessableProblem(string detail, IReadOnlyList<string>? errors = null)
        : this(Title, detail, errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors })
    {
    }

    /// <summary>Text that cannot be stored (U+0000, a lone surrogate), naming the field (<c>field</c>) it is in.</summary>
    public static UnprocessableProblem Unstorable(string field, string problem) => new(Title, $"{field} {problem}.", UnstorableMembers(field, problem));

    internal static Dictionary<string, object?> UnstorableMembers(string field, string problem) =>
        new() { ["field"] = field, ["errors"] = new[] { $"{field} {problem}." } };

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status422UnprocessableEntity, "The request names or carries something the catalog cannot use; the answer says what to fix.",
            typeof(ValidationProblemShape));
}

/// <summary>
/// What reading a JSON body can answer: 413 when it is too large, 422 when it is not JSON, not UTF-8, holds text
/// that cannot be stored, or is not the body the route reads.
/// </summary>
public sealed class BodyProblem : ProblemOutcome, IEndpointMetadataProvider
{
    private BodyProblem(int status, string title, string detail, IDictionary<string, object?>? extensions)
        : base(status, title, detail, extensions)
    {
    }

    public static BodyProblem TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body is larger than {limit} bytes.", null);

    public static BodyProblem Unprocessable(string detail, IReadOnlyList<string>? errors = null) =>
        new(StatusCodes.Status422UnprocessableEntity, UnprocessableProblem.Title, detail,
            errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors });

    public static BodyProblem Unstorable(string field, string problem) =>
        new(StatusCodes.Status422UnprocessableEntity, UnprocessableProblem.Title, $"{field} {problem}.",
            UnprocessableProblem.UnstorableMembers(field, problem));

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        Declare(builder, StatusCodes.Status413PayloadTooLarge, $"The body is larger than {JsonBody.MaxBytes} bytes.");
        Declare(builder, StatusCodes.Status422UnprocessableEntity, "The body is not JSON, not UTF-8, holds text that cannot be stored, or is not the body this route reads; the answer names each field to fix.",
            typeof(ValidationProblemShape));
    }
}

/// <summary>401 or 403 from a policy checked inside a route (e.g. <c>?include_deleted=true</c> needs an admin key).</summary>
public sealed class AccessProblem : ProblemOutcome, IEndpointMetadataProvider
{
    private AccessProblem(int status, string title, string detail) : base(status, title, detail, null)
    {
    }

    public static AccessProblem Unauthorized(string detail) => new(StatusCodes.Status401Unauthorized, "Unauthorized", detail);

    public static AccessProblem Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Forbidden", detail);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        Declare(builder, StatusCodes.Status401Unauthorized, "No key, or a key that is not valid.");
        Declare(builder, StatusCodes.Status403Forbidden, "The key is valid but not enough: this needs an admin key.");
    }
}

/// <summary>503: the database does not answer (or its schema is still being applied); try again after Retry-After.</summary>
public sealed class UnavailableProblem(string detail)
    : ProblemOutcome(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail, null), IEndpointMetadataProvider
{
    public override Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = "5";
        return base.ExecuteAsync(httpContext);
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status503ServiceUnavailable, "The database does not answer; try again after Retry-After seconds.");
}
