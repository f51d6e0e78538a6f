using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Http;

/// <summary>
/// The OpenAPI document (generated from the endpoints) and the reference page, through the real host: the document
/// describes exactly the routes the host serves, declares every status the contract and the attack tool expect of
/// each, and the page loads everything from the host itself.
/// </summary>
[Trait("Category", "Database")]
public sealed partial class DocsTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    private const string DocumentPath = "/openapi/v1.json";

    private static readonly string[] OperationMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    // The documentation itself: served as it is described, but it has no failure outcome to list, and /docs is
    // middleware (swagger-ui's assets), not a routed endpoint.
    private static readonly HashSet<string> DocumentationPaths = ["/", DocumentPath, "/docs"];

    // Operations paths whose answer needs nothing the request or the database could get wrong.
    private static readonly HashSet<string> InfalliblePaths = ["/metrics"];

    [Fact]
    public async Task Given_the_host_when_get_openapi_json_then_an_openapi_3_document_with_relative_server_and_security_schemes()
    {
        using var response = await host.Client.GetAsync(DocumentPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.Matches(@"^3\.(0|1)\.\d+$", (string?)document["openapi"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)document["info"]?["title"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)document["info"]?["version"]));
        Assert.Equal("/", (string?)document["servers"]?[0]?["url"]);
        var schemes = (JObject)document["components"]!["securitySchemes"]!;
        Assert.Contains(schemes.Properties(), s => (string?)s.Value["type"] == "http" && (string?)s.Value["scheme"] == "bearer");
        Assert.Contains(schemes.Properties(), s => (string?)s.Value["type"] == "apiKey" && (string?)s.Value["name"] == "X-Catalog-Token");
        Assert.NotEmpty((JObject)document["paths"]!);
    }

    // The statuses each route answers by http-api.md and the access matrix of the attack tool (chaos/Catalog.Attacks):
    // its success, 401/403 from its keys or token, 413 from its body, 422 from its UUID or input, 404 and 409 from the
    // job, 400 from a query parameter it does not read, 503 when the database is down.
    private static readonly Dictionary<string, int[]> ContractStatuses = new()
    {
        ["GET /health"] = [200, 503],
        ["GET /api/v1/pipelines"] = [200, 400, 422, 503],
        ["POST /api/v1/pipelines"] = [200, 201, 401, 413, 422, 503],
        ["GET /api/v1/pipelines/{uuid}"] = [200, 404, 409, 422, 503],
        ["POST /api/v1/lineage"] = [200, 201, 401, 413, 422, 503],
        ["POST /api/v1/lineage/batch"] = [200, 401, 413, 422, 503],
        ["GET /api/v1/lineage/events"] = [200, 400, 422, 503],
        ["GET /api/v1/jobs"] = [200, 400, 401, 403, 422, 503],
        ["POST /api/v1/jobs"] = [200, 201, 401, 404, 413, 422, 503],
        ["POST /api/v1/jobs/preview"] = [200, 413, 422],
        ["GET /api/v1/jobs/{uuid}"] = [200, 401, 403, 404, 409, 422, 503],
        ["DELETE /api/v1/jobs/{uuid}"] = [204, 400, 401, 403, 404, 422, 503],
        ["GET /api/v1/jobs/{uuid}/events"] = [200, 401, 403, 404, 409, 422, 503],
        ["POST /api/v1/jobs/{uuid}/events"] = [200, 401, 403, 404, 409, 413, 422, 503],
        ["POST /api/v1/webhooks/jobs"] = [200, 401, 403, 404, 409, 413, 422, 503],
        ["POST /api/v1/jobs/{uuid}/reset"] = [200, 400, 401, 403, 404, 413, 422, 503],
        ["POST /api/v1/jobs/{uuid}/ready"] = [200, 400, 401, 403, 404, 409, 413, 422, 503],
        ["POST /api/v1/jobs/{uuid}/rerun"] = [200, 401, 403, 404, 409, 413, 422, 503],
        ["POST /api/v1/jobs/{uuid}/undelete"] = [200, 400, 401, 403, 404, 422, 503],
        ["POST /api/v1/jobs/{uuid}/purge"] = [204, 400, 401, 403, 404, 422, 503],
        ["POST /api/v1/jobs/{uuid}/token"] = [200, 400, 401, 403, 404, 422, 503],
        ["GET /api/v1/admin/projections"] = [200, 401, 403, 503],
        ["POST /api/v1/admin/projections/{name}/rebuild"] = [202, 400, 401, 403, 404, 422, 503],
        ["GET /api/v1/admin/audit"] = [200, 400, 401, 403, 422, 503],
        ["GET /api/v1/lineage/{uuid}"] = [200, 400, 404, 409, 422, 503],
        ["GET /api/v1/lineage/{uuid}/jobs"] = [200, 404, 409, 422, 503],
        ["GET /api/v1/jobs/{uuid}/outputs"] = [200, 404, 409, 422, 503],
        ["GET /api/v1/files/{uuid}/inputs"] = [200, 404, 409, 422, 503],
        ["GET /api/v1/files/{uuid}/producer"] = [200, 404, 409, 422, 503],
        ["POST /api/v1/jobs/{uuid}/index"] = [200, 401, 404, 409, 413, 422, 503],
        ["GET /api/v1/jobs/{uuid}/files"] = [200, 400, 401, 403, 404, 409, 422, 503],
        ["GET /api/v1/files/{uuid}"] = [200, 401, 403, 404, 409, 422, 503],
        ["GET /api/v1/search"] = [200, 400, 401, 403, 422, 503],
        ["GET /api/v1/groups"] = [200, 400, 422, 503],
        ["POST /api/v1/admin/rerun"] = [202, 401, 403, 413, 422, 503],
        ["GET /api/v1/admin/operations/{id}"] = [200, 401, 403, 404, 503],
        ["POST /api/v1/groups"] = [200, 201, 401, 409, 413, 422, 503],
        ["GET /api/v1/groups/{uuid}"] = [200, 401, 403, 404, 422, 503],
        ["POST /api/v1/groups/{uuid}/members"] = [200, 401, 404, 409, 413, 422, 503],
    };

    [Fact]
    public async Task Given_the_generated_document_then_each_route_declares_every_status_the_contract_and_the_attacks_expect()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToDictionary(o => $"{o.Method.ToUpperInvariant()} {o.Path}", o => o.Operation);
        var missing = new List<string>();
        foreach (var (route, statuses) in ContractStatuses)
        {
            if (!operations.TryGetValue(route, out var operation))
            {
                missing.Add($"{route}: not in the document");
                continue;
            }
            var declared = ((JObject)operation["responses"]!).Properties().Select(p => p.Name).ToHashSet();
            missing.AddRange(statuses.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Where(s => !declared.Contains(s)).Select(s => $"{route}: {s} not declared"));
        }
        Assert.True(missing.Count == 0, string.Join("; ", missing));
        var unlisted = Operations(document).Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}")
            .Where(route => route.Contains("/api/", StringComparison.Ordinal) && !ContractStatuses.ContainsKey(route)).ToList();
        Assert.True(unlisted.Count == 0, "Routes this test does not know the expected statuses of: " + string.Join(", ", unlisted));
    }

    [Fact]
    public async Task Given_the_generated_document_then_every_json_answer_and_body_has_a_named_schema_with_an_example()
    {
        var document = await DocumentAsync();
        var bare = new List<string>();
        foreach (var (path, method, operation) in Operations(document).Where(o => !DocumentationPaths.Contains(o.Path) && o.Path != "/metrics"))
        {
            var contents = ((JObject)operation["responses"]!).Properties().Select(p => (Where: p.Name, Content: Resolve(document, p.Value)["content"]))
                .Append(("body", operation["requestBody"]?["content"]));
            foreach (var (where, content) in contents)
            {
                if (content?["application/json"]?["schema"] is not { } schema)
                {
                    continue;
                }
                var reference = (string?)schema["$ref"];
                if (reference is null || Resolve(document, schema)["example"] is null)
                {
                    bare.Add($"{method} {path} {where}");
                }
            }
        }
        Assert.True(bare.Count == 0, "JSON without a named schema and an example: " + string.Join(", ", bare));
    }

    [Fact]
    public async Task Given_the_running_host_when_comparing_its_routes_with_the_document_then_each_side_has_exactly_the_other()
    {
        var document = await DocumentAsync();
        var served = ServedRoutes();
        var described = DescribedRoutes(document);

        Assert.NotEmpty(served);
        var undescribed = served.Except(described).Order().ToList();
        var phantom = described.Except(served).Order().ToList();
        Assert.True(undescribed.Count == 0 && phantom.Count == 0,
            "Routes the host serves that the OpenAPI document does not describe: " + string.Join(", ", undescribed) +
            "\nRoutes the OpenAPI document describes that the host does not serve: " + string.Join(", ", phantom));
    }

    [Fact]
    public async Task Given_the_document_when_reading_each_operation_then_it_lists_a_success_and_a_failure()
    {
        var document = await DocumentAsync();
        var missing = new List<string>();
        foreach (var (path, method, operation) in Operations(document))
        {
            var codes = ((JObject)operation["responses"]!).Properties().Select(p => p.Name).ToList();
            if (!codes.Any(c => c.StartsWith('2')))
            {
                missing.Add($"{method} {path}: no 2xx");
            }
            if (path == "/health")
            {
                if (!codes.Contains("503"))
                {
                    missing.Add($"{method} {path}: no 503");
                }
            }
            else if (!DocumentationPaths.Contains(path) && !InfalliblePaths.Contains(path) && !codes.Any(c => c.StartsWith('4')))
            {
                missing.Add($"{method} {path}: no 4xx");
            }
            if (string.IsNullOrWhiteSpace((string?)operation["operationId"]) || operation["tags"] is not JArray { Count: > 0 })
            {
                missing.Add($"{method} {path}: no operationId or tag");
            }
        }
        Assert.True(missing.Count == 0, string.Join("; ", missing));
    }

    [Fact]
    public async Task Given_the_document_when_reading_each_failure_then_it_is_problem_json_with_type_title_status_detail()
    {
        var document = await DocumentAsync();
        var wrong = new List<string>();
        foreach (var (path, method, operation) in Operations(document))
        {
            foreach (var response in ((JObject)operation["responses"]!).Properties().Where(p => p.Name[0] is '4' or '5'))
            {
                var resolved = Resolve(document, response.Value);
                var schema = resolved["content"]?["application/problem+json"]?["schema"];
                if (schema is null || !RequiredMembers(document, schema).IsSupersetOf(["type", "title", "status", "detail"]))
                {
                    wrong.Add($"{method} {path} {response.Name}");
                }
            }
        }
        Assert.True(wrong.Count == 0, "Failures not described as problem+json with type/title/status/detail: " + string.Join(", ", wrong));
    }

    [Fact]
    public async Task Given_the_document_when_following_every_reference_and_path_template_then_all_resolve()
    {
        var document = await DocumentAsync();
        var broken = document.Descendants().OfType<JProperty>()
            .Where(p => p.Name == "$ref")
            .Select(p => (string)p.Value!)
            .Where(reference => !reference.StartsWith("#/", StringComparison.Ordinal) || document.SelectToken(Pointer(reference)) is null)
            .Distinct()
            .ToList();
        Assert.True(broken.Count == 0, "Unresolved references: " + string.Join(", ", broken));

        var schemes = ((JObject)document["components"]!["securitySchemes"]!).Properties().Select(p => p.Name).ToHashSet();
        foreach (var (path, method, operation) in Operations(document))
        {
            var pathItem = (JObject)document["paths"]![path]!;
            var declared = ((operation["parameters"] as JArray) ?? []).Concat((pathItem["parameters"] as JArray) ?? [])
                .Select(p => Resolve(document, p))
                .Where(p => (string?)p["in"] == "path")
                .Select(p => (string)p["name"]!)
                .ToHashSet();
            var templated = TemplateParameter().Matches(path).Select(m => m.Groups[1].Value).ToHashSet();
            Assert.True(templated.SetEquals(declared), $"{method} {path}: path parameters {string.Join(",", templated)} vs declared {string.Join(",", declared)}");
            foreach (var requirement in (operation["security"] as JArray) ?? [])
            {
                Assert.All(((JObject)requirement).Properties(), s => Assert.Contains(s.Name, schemes));
            }
        }
    }

    [Fact]
    public async Task Given_each_operation_when_called_with_bad_input_without_and_with_keys_then_the_status_is_one_it_documents()
    {
        var document = await DocumentAsync();
        var undocumented = new List<string>();
        foreach (var (path, method, operation) in Operations(document).Where(o => !DocumentationPaths.Contains(o.Path)))
        {
            // Values no route accepts (no job or pipeline has them), so nothing is created or changed.
            var url = TemplateParameter().Replace(path, m => m.Groups[1].Value == "uuid" ? "not-a-uuid" : "no-such-name");
            var codes = ((JObject)operation["responses"]!).Properties().Select(p => p.Name).ToHashSet();
            foreach (var key in new[] { null, "wrong-key", CatalogHostFixture.AgentKey, CatalogHostFixture.AdminKey })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
                if (method == "post")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }
                if (key is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                }
                using var response = await host.Client.SendAsync(request);
                var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!codes.Contains(status))
                {
                    undocumented.Add($"{method} {url} (key {key ?? "none"}) answered {status}");
                }
                else if (status[0] is '4' or '5' && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    undocumented.Add($"{method} {url} (key {key ?? "none"}) answered {status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not problem+json");
                }
            }
        }
        Assert.True(undocumented.Count == 0, "Answers the document does not describe: " + string.Join("; ", undocumented));
    }

    [Fact]
    public async Task Given_the_host_when_get_docs_then_an_html_page_whose_scripts_and_styles_all_load_from_the_host()
    {
        using var page = await host.Client.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        var pageUri = page.RequestMessage!.RequestUri!;
        var assets = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var uri = new Uri(pageUri, asset);
            Assert.Equal(pageUri.Authority, uri.Authority);
            using var response = await host.Client.GetAsync(uri);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{uri} answered {(int)response.StatusCode}");
            Assert.True(response.Content.Headers.ContentLength is null or > 0, $"{uri} is empty");
        }
    }

    [Fact]
    public async Task Given_the_docs_page_when_reading_it_then_no_url_leaves_the_host_and_its_config_names_the_document()
    {
        using var page = await host.Client.GetAsync("/docs");
        var html = await page.Content.ReadAsStringAsync();
        var pageUri = page.RequestMessage!.RequestUri!;

        var foreign = AbsoluteUrl().Matches(html).Select(m => m.Value).Where(u => new Uri(u).Authority != pageUri.Authority).ToList();
        Assert.True(foreign.Count == 0, "The page references other hosts: " + string.Join(", ", foreign));

        // swagger-ui's configuration (urls of the documents, validator) is in the page's own script next to it.
        var scripts = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).Where(a => a.EndsWith(".js", StringComparison.Ordinal));
        var config = "";
        foreach (var script in scripts.Where(s => !s.Contains("swagger-ui", StringComparison.Ordinal)))
        {
            config += await host.Client.GetStringAsync(new Uri(pageUri, script));
        }
        var configObject = ConfigObject().Match(config);
        Assert.True(configObject.Success, "swagger-ui's configObject was not found in the page's scripts");
        var urls = JObject.Parse(configObject.Groups["json"].Value)["urls"]!.Select(u => (string)u["url"]!).ToList();
        var documentUrl = Assert.Single(urls);
        Assert.DoesNotMatch("^https?:", documentUrl);
        Assert.Equal(DocumentPath, new Uri(pageUri, documentUrl).AbsolutePath);
        Assert.DoesNotContain("validatorUrl\":\"http", config, StringComparison.Ordinal);
    }

    private async Task<JObject> DocumentAsync() => JObject.Parse(await host.Client.GetStringAsync(DocumentPath));

    private HashSet<string> ServedRoutes()
    {
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = Normalise(endpoint.RoutePattern.RawText ?? "");
            if (IsDocumentation(path))
            {
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            Assert.True(methods is { Count: > 0 }, $"{path} answers every method; the document cannot describe that");
            foreach (var method in methods!)
            {
                routes.Add($"{method.ToUpperInvariant()} {path}");
            }
        }
        return routes;
    }

    private static HashSet<string> DescribedRoutes(JObject document) =>
        Operations(document).Where(o => !IsDocumentation(o.Path)).Select(o => $"{o.Method.ToUpperInvariant()} {Normalise(o.Path)}").ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<(string Path, string Method, JObject Operation)> Operations(JObject document) =>
        from path in ((JObject)document["paths"]!).Properties()
        from method in ((JObject)path.Value).Properties()
        where OperationMethods.Contains(method.Name)
        select (path.Name, method.Name, (JObject)method.Value);

    private static bool IsDocumentation(string path) =>
        path == DocumentPath || path == "/docs" || path.StartsWith("/docs/", StringComparison.Ordinal);

    // One spelling per route: leading slash, no trailing slash, every parameter (with its constraints) as {}.
    private static string Normalise(string path)
    {
        var normalised = "/" + TemplateParameter().Replace(path, "{}").Trim('/');
        return normalised.ToLowerInvariant();
    }

    private static JToken Resolve(JObject document, JToken node)
    {
        while (node is JObject { } obj && obj["$ref"] is { } reference)
        {
            node = document.SelectToken(Pointer((string)reference!))!;
        }
        return node;
    }

    private static HashSet<string> RequiredMembers(JObject document, JToken schema)
    {
        var resolved = Resolve(document, schema);
        var required = ((resolved["required"] as JArray) ?? []).Select(r => (string)r!).ToHashSet();
        foreach (var part in (resolved["allOf"] as JArray) ?? [])
        {
            required.UnionWith(RequiredMembers(document, part));
        }
        return required;
    }

    // "#/components/schemas/Problem" → the JSON path of that node.
    private static string Pointer(string reference) =>
        "$" + string.Concat(reference[2..].Split('/').Select(p => $"['{p.Replace("~1", "/").Replace("~0", "~")}']"));

    [GeneratedRegex(@"\{([^}:?=]+)[^}]*\}")]
    private static partial Regex TemplateParameter();

    [GeneratedRegex(@"<(?:script[^>]*\bsrc|link[^>]*\bhref)\s*=\s*[""'](?<url>[^""']+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex AssetReference();

    [GeneratedRegex(@"https?://[^\s""'<>()]+", RegexOptions.IgnoreCase)]
    private static partial Regex AbsoluteUrl();

    [GeneratedRegex(@"var configObject = (?<json>\{.*?\});", RegexOptions.Singleline)]
    private static partial Regex ConfigObject();
}
