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

    private static readonly DateTimeOffset Now = new(2026, 11, 24, 1, 2, 3, 456, TimeSpan.Zero);

    public static TheoryData<string, string, string> Cells()
    {
        var rows = Reference.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Trim('|').Split('|').Select(cell => cell.Trim().Trim('`', '*')).ToArray())
            .ToArray();
        var events = rows[0].Skip(1).ToArray();
        var data = new TheoryData<string, string, string>();
        foreach (var row in rows.Skip(1))
        {
            for (var i = 0; i < events.Length; i++)
            {
                data.Add(row[0], events[i], row[i + 1]);
            }
        }
        return data;
    }

    [Fact]
    public void The_reference_table_has_165_cells()
    {
        Assert.Equal(165, Cells().Count);
        Assert.Equal(11, Enum.GetValues<JobStatus>().Length);
        Assert.Equal(15, Enum.GetValues<JobEventName>().Length);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Each_cell_of_the_table_is_honoured(string from, string eventName, string expected)
    {
        Assert.True(JobNames.TryParseStatus(from, out var status));
        var state = Scenarios.JobIn(status);

        var decision = JobDecider.Decide(state, new JobCommand.Send(eventName, new JObject { ["n"] = 1 }), Now);

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
            Assert.Equal(eventName, after.LastEvent);
            Assert.Equal(state.Version + 1, after.Version);
        }
    }
}
