using Catalog.Core.Jobs;
using Catalog.Webhooks.Compat;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Domain;

/// <summary>Every row of python-datacatalog's Agave/Aloe status → event table, through the map and the webhook's reading.</summary>
public sealed class AgaveStatusTests
{
    // The table as printed in the reference (§1.7), two rows per line, parsed rather than restated.
    private const string Reference = """
        | CREATED | resource | | FINISHED | finish |
        | UPDATED | `updated` (not a valid event → KeyError) | | KILLED | update |
        | DELETED | fail | | FAILED | fail |
        | PERMISSION_GRANT | resource | | STOPPED | fail |
        | PERMISSION_REVOKE | resource | | RUNNING | run |
        | PENDING | resource | | PAUSED | resource |
        | STAGING_INPUTS | resource | | QUEUED | resource |
        | CLEANING_UP | resource | | SUBMITTING | resource |
        | ARCHIVING | resource | | STAGED | resource |
        | STAGING_JOB | resource | | PROCESSING_INPUTS | resource |
        | ARCHIVING_FINISHED | resource | | ARCHIVING_FAILED | fail |
        | HEARTBEAT | update | | *(any other)* | `update` (default used by jobs-manager) |
        """;

    private const string JobUuid = "107b93f3-1eae-5e79-8a18-0a480f8aa3a5";

    public static TheoryData<string, string> Rows()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in Reference.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cells = line.Trim('|').Split('|').Select(cell => cell.Trim()).ToArray();
            foreach (var (status, eventName) in new[] { (cells[0], cells[1]), (cells[3], cells[4]) })
            {
                if (!status.StartsWith('*'))
                {
                    // python's "updated" is no event; like any status the map does not know, it is recorded as update.
                    data.Add(status, eventName.StartsWith("`updated`", StringComparison.Ordinal) ? "update" : eventName);
                }
            }
        }
        return data;
    }

    [Fact]
    public void The_reference_table_has_23_statuses_and_the_map_knows_exactly_those()
    {
        var statuses = Rows().Select(row => (string)row[0]).ToArray();

        Assert.Equal(23, statuses.Length);
        Assert.Equal(statuses.Order(), AgaveStatus.Known.Order());
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_status_maps_to_its_event(string status, string expected)
    {
        Assert.Equal(expected, AgaveStatus.EventFor(status).Wire());
        Assert.Equal(expected, AgaveStatus.EventFor(status.ToLowerInvariant()).Wire());
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_status_in_the_url_of_an_empty_post_becomes_its_event(string status, string expected)
    {
        var (message, _, _) = CompatMessage.Parse(null, new CompatQuery(JobUuid, null, status, null));

        Assert.Equal(expected, message!.Name);
        Assert.Equal(CompatMessageKind.EmptyPost, message.Kind);
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_status_of_an_aloe_notification_becomes_its_event(string status, string expected)
    {
        var (message, _, _) = CompatMessage.Parse(Aloe(status), new CompatQuery(JobUuid, null, null, null));

        Assert.Equal(CompatMessageKind.AloeNotification, message!.Kind);
        Assert.Equal(expected, message.Name);
        var expectedData = status == "RUNNING"
            ? new JObject(Aloe(status).Properties().Where(p => p.Name != "_links"))
            : new JObject { ["status"] = status, ["description"] = null };
        Assert.True(JToken.DeepEquals(expectedData, message.Data), message.Data?.ToString());
    }

    [Theory]
    [InlineData("BRAND_NEW")]
    [InlineData("")]
    [InlineData("updated")]
    public void Statuses_outside_the_table_become_update(string status)
    {
        Assert.Equal(JobEventName.Update, AgaveStatus.EventFor(status));
    }

    [Fact]
    public void The_url_status_of_an_aloe_notification_wins_over_the_record_as_in_the_jobs_manager()
    {
        var (message, _, _) = CompatMessage.Parse(Aloe("RUNNING"), new CompatQuery(JobUuid, null, "failed", null));

        Assert.Equal("fail", message!.Name);
        Assert.Equal("""{"status":"FAILED","description":null}""", message.Data!.ToString(Newtonsoft.Json.Formatting.None));
    }

    private static JObject Aloe(string status) => new()
    {
        ["appId"] = "fcs-etl",
        ["executionSystem"] = "hpc",
        ["owner"] = "sd2eadm",
        ["archivePath"] = "/a",
        ["archiveSystem"] = "data",
        ["status"] = status,
        ["tenantId"] = "sd2e",
        ["tenantQueue"] = "q",
        ["_links"] = new JObject(),
    };
}
