using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Domain;

/// <summary>Every cell of python-datacatalog's transition table, checked through the decider and the fold.</summary>
public sealed class TransitionTableTests
{
    // The table as printed in the reference (§1.3), parsed rather than restated so the oracle stays independent.
    private const string Reference = """
        | State \ Event | `create` | `run` | `update` | `resource` | `fail` | `finish` | `index` | `indexed` | `validate` | `validated` | `reject` | `finalize` | `retire` | `reset` | `ready` |
        | **CREATED** | CREATED | RUNNING | CREATED | CREATED | FAILED | — | — | — | — | — | — | — | — | RESET | — |
        | **RUNNING** | — | RUNNING | RUNNING | RUNNING | FAILED | FINISHED | — | — | — | — | — | — | — | RESET | — |
        | **FAILED** | — | — | — | — | — | — | — | — | — | — | — | — | RETIRED | RESET | — |
        | **FINISHED** | — | — | — | — | — | FINISHED | INDEXING | FINISHED | VALIDATING | — | — | — | RETIRED | RESET | — |
        | **INDEXING** | — | — | INDEXING | — | FAILED | — | INDEXING | FINISHED | — | — | — | — | — | RESET | — |
        | **VALIDATING** | — | — | VALIDATING | — | FAILED | — | — | — | — | VALIDATED | REJECTED | — | RETIRED | RESET | — |
        | **VALIDATED** | — | — | — | — | — | — | — | — | VALIDATING | VALIDATED | — | FINALIZED | RETIRED | RESET | — |
        | **REJECTED** | — | — | — | — | — | — | — | — | — | — | — | — | RETIRED | RESET | — |
        | **FINALIZED** | — | — | — | — | — | — | — | — | — | — | — | — | RETIRED | RESET | — |
        | **RETIRED** | — | — | — | — | — | — | — | — | — | — | — | — | — | RESET | — |
        | **RESET** | — | — | — | — | — | — | — | — | — | — | — | — | — | RESET | CREATED |
        """;

    // The catalog's own columns and its CANCELLED row: new cells only, so the reference's 165 stay exactly as printed.
    private const string Extension = """
        | State \ Event | `cancel` | `tag` | `annotate` | `measure` | `expire` |
        | **CREATED** | CANCELLED | CREATED | CREATED | CREATED | — |
        | **RUNNING** | CANCELLED | RUNNING | RUNNING | RUNNING | FAILED |
        | **FAILED** | — | FAILED | FAILED | FAILED | — |
        | **FINISHED** | — | FINISHED | FINISHED | FINISHED | — |
        | **INDEXING** | CANCELLED | INDEXING | INDEXING | INDEXING | — |
        | **VALIDATING** | CANCELLED | VALIDATING | VALIDATING | VALIDATING | — |
        | **VALIDATED** | — | VALIDATED | VALIDATED | VALIDATED | — |
        | **REJECTED** | — | REJECTED | REJECTED | REJECTED | — |
        | **FINALIZED** | — | FINALIZED | FINALIZED | FINALIZED | — |
        | **RETIRED** | — | RETIRED | RETIRED | RETIRED | — |
        | **RESET** | — | — | — | — | — |
        """;

    private const string CancelledRow = """
        | State \ Event | `create` | `run` | `update` | `resource` | `fail` | `finish` | `index` | `indexed` | `validate` | `validated` | `reject` | `finalize` | `retire` | `reset` | `ready` | `cancel` | `tag` | `annotate` | `measure` | `expire` |
        | **CANCELLED** | — | — | — | — | — | — | — | — | — | — | — | — | RETIRED | RESET | — | — | CANCELLED | CANCELLED | CANCELLED | — |
        """;

    private static readonly DateTimeOffset Now = new(2026, 11, 24, 1, 2, 3, 456, TimeSpan.Zero);

    public static TheoryData<string, string, string> Cells() => Theory(Parse(Reference));

    public static TheoryData<string, string, string> CatalogCells() => Theory([.. Parse(Extension), .. Parse(CancelledRow)]);

    private static TheoryData<string, string, string> Theory(IEnumerable<(string, string, string)> cells)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (from, eventName, expected) in cells)
        {
            data.Add(from, eventName, expected);
        }
        return data;
    }

    private static List<(string From, string Event, string Expected)> Parse(string table)
    {
        var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Trim('|').Split('|').Select(cell => cell.Trim().Trim('`', '*')).ToArray())
            .ToArray();
        var events = rows[0].Skip(1).ToArray();
        return rows.Skip(1).SelectMany(row => events.Select((name, i) => (row[0], name, row[i + 1]))).ToList();
    }

    [Fact]
    public void The_reference_table_has_165_cells()
    {
        Assert.Equal(165, Cells().Count);
        Assert.Equal(11 * 5 + 20, CatalogCells().Count);
        // Every cell of the table is in one of the two oracles: 12 states × 20 events.
        Assert.Equal(12, Enum.GetValues<JobStatus>().Length);
        Assert.Equal(20, Enum.GetValues<JobEventName>().Length);
        Assert.Equal(12 * 20, Cells().Count + CatalogCells().Count);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Each_cell_of_the_table_is_honoured(string from, string eventName, string expected) =>
        AssertCell(from, eventName, expected, new JObject { ["n"] = 1 });

    [Theory]
    [MemberData(nameof(CatalogCells))]
    public void Each_cell_of_the_catalogs_columns_and_row_is_honoured(string from, string eventName, string expected) =>
        AssertCell(from, eventName, expected, eventName switch
        {
            "tag" => new JObject { ["add"] = new JArray("calibration") },
            "annotate" => new JObject { ["notes"] = "checked by hand" },
            "measure" => new JObject { ["od600"] = 0.42 },
            "cancel" => new JObject { ["reason"] = "superseded" },
            _ => new JObject { ["n"] = 1 },
        });

    private static void AssertCell(string from, string eventName, string expected, JObject data)
    {
        Assert.True(JobNames.TryParseStatus(from, out var status));
        var state = Scenarios.JobIn(status);
        if (eventName == "expire")
        {
            // Only the catalog appends it: the table holds its cells, a caller sending it is refused in every state.
            Assert.Equal(expected, JobTransitions.Next(status, JobEventName.Expire)?.Wire() ?? "—");
            var sent = JobDecider.Decide(state, new JobCommand.Send(eventName, data), Now);
            Assert.Equal(RejectionKind.Forbidden, sent.Rejection?.Kind);
            Assert.DoesNotContain(eventName, sent.Rejection!.AllowedEvents);
            return;
        }

        var decision = JobDecider.Decide(state, new JobCommand.Send(eventName, data), Now);

        if (expected == "—")
        {
            Assert.True(decision.IsRejected);
            Assert.Equal(RejectionKind.Forbidden, decision.Rejection!.Kind);
            Assert.Equal(status, decision.Rejection.State);
            Assert.DoesNotContain(eventName, decision.Rejection.AllowedEvents);
            Assert.Contains(from, decision.Rejection.Message);
            Assert.Empty(decision.Events);
        }
        else
        {
            Assert.False(decision.IsRejected);
            var appended = Assert.Single(decision.Events);
            var after = JobState.Evolve(state, appended);
            Assert.Equal(expected, after.Status.Wire());
            // The annotations record without moving the job: its last lifecycle event stays.
            Assert.Equal(JobNames.TryParseEvent(eventName, out var name) && JobTransitions.IsAnnotation(name) ? state.LastEvent : eventName, after.LastEvent);
            Assert.Equal(state.Version + 1, after.Version);
        }
    }
}
