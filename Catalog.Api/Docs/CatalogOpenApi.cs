using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Catalog.Api.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Catalog.Api.Docs;

/// <summary>
/// The OpenAPI document, generated from the endpoints: each route's declared outcomes (its return type and the
/// outcome types of its steps) give its responses, the shapes (<see cref="ShapeCatalog"/>) their schemas and
/// examples, and the docs its steps declare (<see cref="ParameterDoc"/>, <see cref="RequestBodyDoc"/>,
/// <see cref="SecurityDoc"/>, <see cref="ReadsQueryAttribute"/>) what it reads by hand. Nothing here is hand-written
/// per route.
/// </summary>
public static class CatalogOpenApi
{
    public const string DocumentName = "v1";

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Operations", "Health, metrics and documentation."),
        ("Jobs", "Create, preview and read pipeline jobs."),
        ("Job events (agents)", "Agents report a job's progress with its token."),
        ("Pipelines", "Register and read pipelines."),
        ("Admin", "Admin key only: reset, hide, purge, tokens, projections, audit."),
        ("Lineage and files", "Provenance: what a job or file came from and what came of it."),
    ];

    public static IServiceCollection AddCatalogOpenApi(this IServiceCollection services)
    {
        // The shapes' numbers are numbers (the web defaults would also allow numeric strings in their schemas).
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        return services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_0;
            options.CreateSchemaReferenceId = info => ShapeCatalog.Describes(info.Type) ? ShapeCatalog.SchemaName(info.Type)
                : info.Type == typeof(JsonObject) || info.Type == typeof(JsonNode) ? null
                : OpenApiOptions.CreateDefaultSchemaReferenceId(info);
            options.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(DescribeAsync);
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (schema.Enum is { Count: > 0 } && schema.Type is null && schema.Enum.All(value => value?.GetValueKind() == JsonValueKind.String))
                {
                    schema.Type = JsonSchemaType.String;
                }
                if (ShapeCatalog.ExampleOf(context.JsonTypeInfo.Type) is { } example && schema.Examples is not { Count: > 0 })
                {
                    schema.Examples = [JsonSerializer.SerializeToNode(example, example.GetType(), context.JsonTypeInfo.Options)!];
                }
                return Task.CompletedTask;
            });
        });
    }

    private static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Catalog HTTP API",
            Version = DocumentName,
            Description = """
                The data catalog's HTTP API (contract: http-api.md), generated from the catalog's own endpoints. Field names are snake_case as in python-datacatalog's documents. Errors are `application/problem+json` (RFC 9457) with `type`, `title`, `status`, `detail` and, where useful, `errors`, `state`, `allowed_events`; bad input never gets a 5xx. Times are ISO 8601 UTC with milliseconds. Lists use keyset paging: `?limit=` (default 100, max 1000) and `?after=<cursor>`, answering `{"items": [...], "next": <cursor or null>}`. A query parameter a route does not read is a 400 naming the closest one it does.

                Authentication: `Authorization: Bearer <key>`. Admin keys may do everything; agent keys may create pipelines and jobs; reading is open. A job's events need that job's token (body `token`, `?token=` or `X-Catalog-Token`) or an admin key. Missing or wrong credentials: 401; valid credentials without the right (an agent key on an admin route): 403.
                """,
        };
        document.Servers = [new OpenApiServer { Url = "/", Description = "This catalog (relative to the host serving this document)." }];
        document.Tags = Tags.Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Description }).ToHashSet();
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [SecurityDoc.Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "`Authorization: Bearer <key>`: an admin key (everything) or an agent key (create pipelines and jobs). Configured with CATALOG_ADMIN_KEYS / CATALOG_AGENT_KEYS.",
            },
            [SecurityDoc.JobToken] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Catalog-Token",
                Description = "The job's token (answered at creation, rotated by POST /api/v1/jobs/{uuid}/token); also accepted as `?token=` or body `token`.",
            },
            [SecurityDoc.JobTokenQuery] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Query,
                Name = "token",
                Description = "The job's token in the URL (as in the job's `webhook`).",
            },
        };
        document.Paths ??= [];
        AddPlainOperation(document, "/", "getRoot", "Where to start",
            "A browser (`Accept: text/html`) is redirected to `/docs`; any other client gets where the contract is.", "application/json",
            "Links to the reference page and this document.", ("302", "To `/docs` (a browser)."));
        AddPlainOperation(document, "/metrics", "getMetrics", "Metrics in Prometheus text format",
            "OpenTelemetry metrics: `http_server_request_duration_seconds` by route and status, `catalog_events_appended_total` by event type, `catalog_group_commit_size` and `catalog_group_commit_duration_seconds`, `catalog_projection_lag` and `catalog_projection_rebuild_progress` per projection, and Npgsql's `db_client_*` instruments. Holds no keys, tokens or job data.",
            "text/plain", "The metrics.");
        AddPlainOperation(document, DocsRoutes.DocumentPath, "getOpenApi", "This OpenAPI document",
            "Generated from the catalog's endpoints.", "application/json", "The document.");
        AddPlainOperation(document, "/" + DocsRoutes.PagePrefix, "getDocs", "Interactive reference page",
            "This page; served from the catalog itself (no external assets).", "text/html", "The page.");
    }

    // Routes outside the endpoints the document is generated from (middleware and the documentation itself).
    private static void AddPlainOperation(OpenApiDocument document, string path, string operationId, string summary, string description,
        string mediaType, string answer, params (string Status, string Description)[] others)
    {
        var responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = answer,
                Content = new Dictionary<string, OpenApiMediaType> { [mediaType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
            },
        };
        foreach (var (status, text) in others)
        {
            responses[status] = new OpenApiResponse { Description = text };
        }
        document.Paths[path] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = operationId,
                    Summary = summary,
                    Description = description,
                    Tags = new HashSet<OpenApiTagReference> { new("Operations", document) },
                    Security = [new OpenApiSecurityRequirement()],
                    Responses = responses,
                },
            },
        };
    }

    private static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        foreach (var parameter in metadata.OfType<ParameterDoc>()
            .Concat(metadata.OfType<ReadsQueryAttribute>().SelectMany(QueryDocs.For))
            .DistinctBy(p => (p.Name, p.In)))
        {
            await DescribeAsync(operation, parameter, context, cancellationToken);
        }
        if (metadata.OfType<RequestBodyDoc>().LastOrDefault() is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = body.Required,
                Description = body.Description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await SchemaAsync(body.Shape, context, cancellationToken) },
                },
            };
        }
        operation.Security = Security(metadata, context.Document!);
        // What each outcome type says of its status (the generator gives only the status's name).
        foreach (var status in metadata.OfType<IProducesResponseTypeMetadata>().Where(m => m.Description is not null).GroupBy(m => m.StatusCode))
        {
            if (operation.Responses?.TryGetValue(status.Key.ToString(CultureInfo.InvariantCulture), out var response) == true
                && response is OpenApiResponse answer)
            {
                answer.Description = string.Join(" ", status.Select(m => m.Description).Distinct());
            }
        }
    }

    private static async Task DescribeAsync(OpenApiOperation operation, ParameterDoc doc, OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        var location = doc.In switch
        {
            ParameterSource.Path => ParameterLocation.Path,
            ParameterSource.Header => ParameterLocation.Header,
            _ => ParameterLocation.Query,
        };
        operation.Parameters ??= [];
        var existing = operation.Parameters.FirstOrDefault(p => p.Name == doc.Name && p.In == location);
        if (existing is not null)
        {
            operation.Parameters.Remove(existing);
        }
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = doc.Name,
            In = location,
            Required = doc.In == ParameterSource.Path,
            Description = doc.Description,
            Schema = doc.Shape is { } shape ? await SchemaAsync(shape, context, cancellationToken) : Schema(doc),
            Example = doc.Example is null ? null : JsonValue.Create(doc.Example),
        });
    }

    // A shape's schema, as a reference to its component (the generator inlines what it makes for a transformer).
    private static async Task<IOpenApiSchema> SchemaAsync(Type shape, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(shape, null, cancellationToken);
        if (ShapeCatalog.SchemaName(shape) is not { } name)
        {
            return schema;
        }
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(name) != true)
        {
            document.AddComponent(name, schema);
        }
        return new OpenApiSchemaReference(name, document);
    }

    private static OpenApiSchema Schema(ParameterDoc doc) => new()
    {
        Type = doc.Type switch
        {
            "integer" => JsonSchemaType.Integer,
            "boolean" => JsonSchemaType.Boolean,
            _ => JsonSchemaType.String,
        },
        Format = doc.Format,
        Pattern = doc.Pattern,
        Minimum = doc.Minimum?.ToString(CultureInfo.InvariantCulture),
        Maximum = doc.Maximum?.ToString(CultureInfo.InvariantCulture),
        MaxLength = doc.MaxLength,
        Default = doc.Default is null ? null : doc.Type switch
        {
            "integer" => JsonValue.Create(long.Parse(doc.Default, CultureInfo.InvariantCulture)),
            "boolean" => JsonValue.Create(bool.Parse(doc.Default)),
            _ => JsonValue.Create(doc.Default),
        },
        Enum = doc.Enum?.Select(value => (JsonNode)JsonValue.Create(value)).ToList(),
    };

    // Who may call: an authorization policy needs a key; a step may admit a job token or make a key optional.
    private static List<OpenApiSecurityRequirement> Security(IList<object> metadata, OpenApiDocument document)
    {
        var declared = metadata.OfType<SecurityDoc>().ToList();
        if (metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null))
        {
            declared.Add(new SecurityDoc(false, [SecurityDoc.Bearer]));
        }
        var anonymous = declared.TrueForAll(d => d.Anonymous);
        var requirements = anonymous ? [new OpenApiSecurityRequirement()] : new List<OpenApiSecurityRequirement>();
        foreach (var scheme in declared.SelectMany(d => d.Schemes).Distinct())
        {
            requirements.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] });
        }
        return requirements;
    }
}
