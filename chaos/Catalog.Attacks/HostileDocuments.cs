using System.Text.Json.Nodes;
using CsCheck;

namespace Catalog.Attacks;

/// <summary>The JSON objects each route expects, well-typed but filled with hostile text: pipelines, job specs,
/// event messages, Aloe notifications, reset/ready and index bodies. <see cref="HostileBodies.Around"/> breaks them further.</summary>
internal sealed class HostileDocuments(HostileWorld world)
{
    public static Gen<JsonObject> Pipeline => Gen.Select(HostileText.Any, HostileText.Any, HostileText.Any, Gen.Bool, (id, name, image, withId) =>
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["description"] = image,
            ["components"] = new JsonArray(new JsonObject { ["name"] = name, ["image"] = image }),
        };
        if (withId)
        {
            body["id"] = id;
        }
        return body;
    });

    public Gen<JsonObject> JobSpec => Gen.Select(LinkageValue, HostileBodies.Data, HostileText.Any, HostileText.Any, HostileBodies.Filter,
        Gen.Int[0, 255], Gen.Bool, (linkage, data, path, text, filter, members, instanced) =>
        {
            var body = new JsonObject { ["pipeline_uuid"] = (members & 1) == 0 ? world.PipelineUuid : text };
            body[(members & 2) == 0 ? "measurement_id" : "sample_id"] = linkage;
            body["data"] = data;
            if ((members & 4) != 0)
            {
                body["archive_path"] = path;
            }
            if ((members & 8) != 0)
            {
                body["archive_system"] = (members & 16) == 0 ? text : path;
            }
            if ((members & 32) != 0)
            {
                body["archive_patterns"] = new JsonArray(filter);
            }
            if ((members & 64) != 0)
            {
                body["product_patterns"] = new JsonArray(filter?.DeepClone());
            }
            if ((members & 128) != 0)
            {
                body["session"] = text;
            }
            body["instanced"] = instanced;
            return body;
        });

    public Gen<JsonNode?> LinkageValue => Gen.Frequency(
        (3, Gen.Int[0, Math.Max(0, world.EventTargets.Count - 1)].Select(i => (JsonNode?)world.EventTargets[i].Measurement)),
        (2, HostileText.Any.Select(s => (JsonNode?)s)),
        (1, HostileText.BadUuid.Array[1, 3].Select(a => (JsonNode?)new JsonArray(a.Select(x => (JsonNode?)x).ToArray()))),
        (1, Gen.Const<JsonNode?>(() => new JsonArray("measurement.tacc.0x1", "sample.tacc.0x2"))));

    public static Gen<JsonObject> EventMessage => Gen.Select(HostileBodies.EventName, HostileBodies.Data, HostileText.Any, Gen.Int[0, 3],
        (name, data, eventId, shape) =>
        {
            var body = new JsonObject { [shape == 1 ? "event" : "name"] = name, ["data"] = data };
            if (shape >= 2)
            {
                body["event_id"] = eventId;
            }
            return body;
        });

    public static Gen<JsonObject> WebhookBody => Gen.Frequency(
        (2, EventMessage),
        (2, Gen.Select(HostileText.Any, Gen.OneOf("RUNNING", "FINISHED", "FAILED", "HEARTBEAT", "KILLED", "PENDING", "nonsense", ""),
            (text, status) => new JsonObject
            {
                ["appId"] = text, ["executionSystem"] = "hpc", ["owner"] = "sd2eadm", ["archivePath"] = text,
                ["archiveSystem"] = text, ["status"] = status, ["tenantId"] = "sd2e", ["tenantQueue"] = "q",
                ["history"] = new JsonArray(new JsonObject { ["status"] = status, ["description"] = text }),
            })),
        (1, Gen.Const(() => new JsonObject())));

    public static Gen<JsonObject> ResetBody => Gen.Select(HostileBodies.Data, Gen.Bool, (data, clear) =>
        new JsonObject { ["data"] = data, ["clear_archive"] = clear });

    public static Gen<JsonObject> ReadyBody => HostileBodies.Data.Select(data => new JsonObject { ["data"] = data });

    public static Gen<JsonObject> GroupBody => Gen.Select(HostileText.Any, Gen.OneOf("sequential", "parallel", "SEQUENTIAL", "", "serial"),
        HostileText.Any, (name, kind, owner) => new JsonObject { ["name"] = name, ["kind"] = kind, ["owner"] = owner });

    /// <summary>
    /// OpenLineage run events with hostile namespaces, names, types, times and run ids among valid ones, and a parent
    /// now and then, so ingest meets every field it reads.
    /// </summary>
    public static Gen<JsonObject> OpenLineageEvent => Gen.Select(
        Gen.Frequency((2, Gen.OneOf("attacks", "agave://data-sd2e-community", "kafka://broker:9092")), (1, HostileText.Any)),
        Gen.Frequency((2, Gen.Int[0, 50].Select(i => $"job-{i}")), (1, HostileText.Any)),
        Gen.Frequency((4, Gen.OneOf("START", "RUNNING", "COMPLETE", "FAIL", "ABORT", "OTHER")), (1, Gen.OneOf("start", "BEGIN", "")), (1, HostileText.Any)),
        Gen.Frequency((4, Gen.OneOf("2026-12-03T10:00:00Z", "2026-12-03T10:00:00", "2026-12-03T10:00:00.123+02:00")), (1, HostileText.Any)),
        Gen.Frequency((4, Gen.Int[0, 200].Select(i => $"00000000-0000-4000-8000-{i:D12}")), (1, HostileText.Any)),
        Gen.Bool,
        (ns, name, type, time, runId, parent) =>
        {
            var run = new JsonObject { ["runId"] = runId };
            if (parent)
            {
                run["facets"] = new JsonObject
                {
                    ["parent"] = new JsonObject
                    {
                        ["_producer"] = "https://attacks.example", ["_schemaURL"] = "https://attacks.example/parent",
                        ["job"] = new JsonObject { ["namespace"] = ns, ["name"] = "parent-" + name },
                        ["run"] = new JsonObject { ["runId"] = runId },
                    },
                };
            }
            return new JsonObject
            {
                ["eventType"] = type, ["eventTime"] = time, ["producer"] = "https://attacks.example",
                ["schemaURL"] = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                ["run"] = run,
                ["job"] = new JsonObject { ["namespace"] = ns, ["name"] = name },
                ["inputs"] = new JsonArray(new JsonObject { ["namespace"] = ns, ["name"] = "/in/" + name }),
                ["outputs"] = new JsonArray(new JsonObject { ["namespace"] = ns, ["name"] = "/out/" + name }),
            };
        });

    /// <summary>Real jobs, foreign typed UUIDs and garbage, so the members route reads every kind of list.</summary>
    public Gen<JsonObject> GroupMembers => Gen.Frequency(
        (3, Gen.Int[0, Math.Max(0, world.EventTargets.Count - 1)].Array[0, 3].Select(picks =>
            new JsonObject { ["jobs"] = new JsonArray(picks.Select(i => (JsonNode?)world.EventTargets[i].Uuid).ToArray()) })),
        (2, HostileText.Any.Array[0, 3].Select(texts => new JsonObject { ["jobs"] = new JsonArray(texts.Select(t => (JsonNode?)t).ToArray()) })),
        (1, HostileText.Any.Select(text => new JsonObject { ["jobs"] = text })));

    /// <summary>Mostly states no hostile world's job is in after the year 2999, so an accepted rerun finds nothing to rerun.</summary>
    public static Gen<JsonObject> BulkRerunBody => Gen.Select(Gen.OneOf("FAILED", "failed", "FIALED", "", "RESET"), HostileText.Any, HostileText.Any,
        (state, updated, reason) => new JsonObject
        {
            ["state"] = state, ["updated_after"] = updated.Length % 2 == 0 ? "2999-01-01T00:00:00Z" : updated, ["reason"] = reason,
        });

    public static Gen<JsonObject> RerunBody => HostileText.Any.Select(reason => new JsonObject { ["reason"] = reason });

    public static Gen<JsonObject> IndexBody => Gen.Select(HostileBodies.Filter.Array[0, 3], HostileBodies.Level, Gen.Bool,
        (filters, level, fixity) => new JsonObject
        {
            ["filters"] = new JsonArray(filters.Select(f => f?.DeepClone()).ToArray()),
            ["level"] = level,
            ["fixity"] = fixity,
        });
}
