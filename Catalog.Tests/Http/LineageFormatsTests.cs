using System.Diagnostics;
using System.Net;
using Catalog.Tests.EventStore;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using static Catalog.Tests.Http.CatalogHostFixture;

namespace Catalog.Tests.Http;

/// <summary>
/// Lineage answers as W3C PROV and as pictures, through the real host: PROV-JSON valid against the submission's
/// schema and read back by the PROV reference library (Debian's python3-prov), PROV-O Turtle parsed by rdflib and by
/// python3-prov, DOT and Mermaid with a node per lineage node.
/// </summary>
[Trait("Category", "Database")]
public sealed class LineageFormatsTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task Given_a_lineage_when_asked_as_prov_json_then_it_is_valid_and_python_prov_reads_every_node_and_relation()
    {
        var (job, lineage) = await ScenarioAsync();

        var (status, prov, type) = await GetAsync($"/api/v1/lineage/{job}?depth=2&format=prov-json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", type);
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Vectors", "prov-json.schema.json"));
        Assert.Empty(schema.Validate(prov));
        var document = JObject.Parse(prov);
        Assert.Contains($"uuid:{job}", ((JObject)document["activity"]!).Properties().Select(p => p.Name));
        Assert.Single(((JObject)document["agent"]!).Properties());
        var nodes = ((JArray)lineage["nodes"]!).Count;
        var counted = await PythonAsync("""
            import sys, prov.model as m
            doc = m.ProvDocument.deserialize(source=sys.argv[1], format='json')
            elements = [r for r in doc.get_records() if isinstance(r, m.ProvElement)]
            relations = [r for r in doc.get_records() if isinstance(r, m.ProvRelation)]
            again = m.ProvDocument.deserialize(content=doc.serialize(format='json'), format='json')
            print(len(elements), len(relations), len(again.get_records()) == len(doc.get_records()))
            """, prov);
        Assert.Equal($"{nodes} {Relations(document)} True", counted);
    }

    [Fact]
    public async Task Given_a_lineage_when_asked_as_prov_o_then_rdflib_and_python_prov_read_the_turtle()
    {
        var (job, lineage) = await ScenarioAsync();

        var (status, turtle, type) = await GetAsync($"/api/v1/lineage/{job}?depth=2&format=prov-o");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/turtle", type);
        var read = await PythonAsync("""
            import sys, rdflib, prov.model as m
            text = open(sys.argv[1]).read()
            g = rdflib.Graph().parse(data=text, format='turtle')
            prov = rdflib.Namespace('http://www.w3.org/ns/prov#')
            activities = set(g.subjects(rdflib.RDF.type, prov.Activity))
            doc = m.ProvDocument.deserialize(content=text, format='rdf', rdf_format='turtle')
            print(len(activities), len(doc.get_records()) > 0)
            """, turtle);
        var jobs = ((JArray)lineage["nodes"]!).Count(n => (string?)n["type"] is "pipelinejob" or "job_group");
        Assert.Equal($"{jobs} True", read);
    }

    [Theory]
    [InlineData("dot", "text/vnd.graphviz")]
    [InlineData("mermaid", "text/plain")]
    public async Task Given_a_lineage_when_asked_as_a_picture_then_every_node_and_edge_is_drawn(string format, string mediaType)
    {
        var (job, lineage) = await ScenarioAsync();

        var (status, picture, type) = await GetAsync($"/api/v1/lineage/{job}?depth=2&format={format}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(mediaType, type);
        var lines = picture.Split('\n');
        Assert.Equal(((JArray)lineage["edges"]!).Count, lines.Count(l => l.Contains("->", StringComparison.Ordinal)));
        var nodes = (JArray)lineage["nodes"]!;
        if (format == "dot")
        {
            Assert.All(nodes, n => Assert.Contains($"\"{(string)n["uuid"]!}\" [label=", picture, StringComparison.Ordinal));
        }
        else
        {
            // Node lines: n0["..."], n1(["..."]) or n2{{"..."}}; what agents wrote is escaped, never markup.
            Assert.Equal(nodes.Count, lines.Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^  n\d+[\[\(\{]")));
            Assert.DoesNotContain("<x>", picture, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Given_an_unknown_format_then_422_names_the_formats()
    {
        var (job, _) = await ScenarioAsync();

        var (status, problem, _) = await GetAsync($"/api/v1/lineage/{job}?format=provn");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("prov-json", problem, StringComparison.Ordinal);
    }

    private static int Relations(JObject document) =>
        document.Properties().Where(p => p.Name is not ("prefix" or "entity" or "activity" or "agent")).Sum(p => ((JObject)p.Value).Count);

    // A job of a registered pipeline on a measurement, a job depending on it, both in a group: jobs, a pipeline, a
    // measurement and a group, joined by child_of, generated_by, depends_on and member_of.
    private async Task<(string Job, JToken Lineage)> ScenarioAsync()
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines",
            $$"""{"id":"prov-{{Guid.NewGuid():N}}","name":"PROV \"pipeline\" <x>","components":[{"id":"a","image":"img:1"}]}""", AgentKey);
        var (_, group) = await host.Client.PostAsync("/api/v1/groups", $$"""{"name":"prov-{{Guid.NewGuid():N}}","kind":"parallel"}""", AgentKey);
        var (_, first) = await host.Client.PostAsync("/api/v1/jobs",
            $$"""{"pipeline_uuid":"{{pipeline["uuid"]}}","measurement_id":"measurement.tacc.0x{{Random.Shared.Next():X}}","data":{"n":1},"group":"{{group["uuid"]}}"}""", AgentKey);
        var (_, second) = await host.Client.PostAsync("/api/v1/jobs",
            $$"""{"pipeline_uuid":"{{pipeline["uuid"]}}","data":{"n":2},"depends_on":[{"job":"{{first["uuid"]}}"}],"group":"{{group["uuid"]}}"}""", AgentKey);
        var job = (string)second["uuid"]!;
        JToken lineage = new JObject();
        await Eventually.WaitForAsync(async () =>
        {
            (_, lineage) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{job}?depth=2");
            var relations = ((JArray?)lineage["edges"])?.Select(e => (string?)e["relation"]).ToHashSet() ?? [];
            return relations.IsSupersetOf(["child_of", "generated_by", "depends_on", "member_of"]);
        }, TimeSpan.FromSeconds(20), "the scenario's edges to be projected");
        return (job, lineage);
    }

    private async Task<(HttpStatusCode Status, string Body, string? MediaType)> GetAsync(string path)
    {
        using var response = await host.Client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    // Runs a Python script with the answer in a file as its argument; returns what it printed.
    private static async Task<string> PythonAsync(string script, string answer)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, answer);
            using var python = Process.Start(new ProcessStartInfo(Python, ["-c", script, file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = python.StandardOutput.ReadToEndAsync();
            var errors = python.StandardError.ReadToEndAsync();
            await python.WaitForExitAsync();
            Assert.True(python.ExitCode == 0, $"python3 failed: {await errors}");
            return (await output).Trim();
        }
        finally
        {
            File.Delete(file);
        }
    }
}
