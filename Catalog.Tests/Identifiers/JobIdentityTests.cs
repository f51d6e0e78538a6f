using Catalog.Core.Identifiers;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Identifiers;

public class JobIdentityTests
{
    private const string TacobotPipeline = "10650844-1baa-55c5-a481-5e945b19c065";
    private const string DeepDivePipeline = "106c46ff-8186-5756-a934-071f4497b58d";
    private const string TacobotData = "{\"param1\":\"value1\",\"param2\":1,\"param3\":true,\"param4\":[1,2,3],\"param5\":[\"a\",\"b\",\"c\"]}";
    private static readonly DateTime _deepDiveClock = new(2019, 2, 15, 21, 30, 9, DateTimeKind.Utc);

    public static TheoryData<int> JobVectors => PythonVectors.Indexes("jobs");

    [Theory]
    [MemberData(nameof(JobVectors))]
    public void Job_uuid_linearisation_and_archive_path_match_python_datacatalog(int index)
    {
        var vector = PythonVectors.Case("jobs", index);
        var childOfInput = vector["child_of"]!.Values<string>().Select(s => s!).ToList();

        // The vectors' child_of is already resolved; resolving it again must change nothing.
        var resolved = Assert.IsType<LinkageResult.Resolved>(Linkage.ResolveChildOf(childOfInput));
        Assert.Equal(childOfInput, resolved.ChildOf);

        var pipeline = vector.Text("pipeline_uuid");
        var data = vector["data"]!;
        Assert.Equal(vector.Text("linearized"), JobIdentity.Linearize(pipeline, resolved.ChildOf, data));
        Assert.Equal(vector.Text("uuid"), JobIdentity.JobUuid(pipeline, resolved.ChildOf, data));
        Assert.Equal(vector.Text("archive_path"), JobIdentity.ArchivePath(pipeline, resolved.ChildOf, data));
    }

    [Theory]
    [InlineData(TacobotPipeline, "10483e8d-6602-532a-8941-176ce20dd05a", TacobotData, "107b93f3-1eae-5e79-8a18-0a480f8aa3a5")]
    [InlineData(TacobotPipeline, "10483e8d-6602-532a-8941-176ce20dd05a", "{\"param1\":\"value1\",\"param2\":1,\"param3\":true,\"param4\":[1,2,3],\"param5\":[\"a\",\"b\",\"c\",\"d\"]}", "107bb52d-6469-54c3-b977-0c22adcae020")]
    [InlineData(TacobotPipeline, "102edd93-29d6-5483-b60b-8dfd4d094b9c", "{\"example_data\":\"datadata\"}", "107653ca-020f-5f03-9663-41cff415b087")]
    [InlineData(DeepDivePipeline, "1041ab3f-5221-5c79-8781-8838dfb6eef9", "{}", "107596b8-25b2-557d-9702-853f0690c576")]
    [InlineData(DeepDivePipeline, "10483e8d-6602-532a-8941-176ce20dd05a,104dae4d-a677-5991-ae1c-696d2ee9884e", "{}", "10704831-8017-5e39-a4d7-dd73a08b4a4b")]
    [InlineData(DeepDivePipeline, "103246e1-bcdf-5b6e-a8dc-4c7e81b91141", "{}", "107fd3cf-23c6-522f-9270-19932d06def4")]
    [InlineData(DeepDivePipeline, "102e95e6-67a8-5a06-9484-3131c6907890", "{}", "107a90b7-f083-5167-a63d-41a3bf278bf8")]
    [InlineData(DeepDivePipeline, "102e95e6-67a8-5a06-9484-3131c6907890", "{\"alpha\":0.5}", "1077a959-7163-516a-8fc1-dd11bd958190")]
    [InlineData(DeepDivePipeline, "102e95e6-67a8-5a06-9484-3131c6907890", "{\"alpha\":0.6}", "107e7a19-6d8a-540d-954c-09836d67de49")]
    [InlineData(
        DeepDivePipeline, "103246e1-bcdf-5b6e-a8dc-4c7e81b91141",
        "{\"alpha\":0.5,\"inputs\":[\"agave://data-sd2e-community/uploads/tacc/example/345.txt\"],\"parameters\":{\"ref1\":\"agave://data-sd2e-community/reference/novel_chassis/uma_refs/MG1655_WT/MG1655_WT.fa\"}}",
        "1077bb63-d586-5519-a576-33b5d9f85d40")]
    public void Job_uuid_matches_reference_vectors(string pipeline, string childOf, string data, string expected)
    {
        Assert.Equal(expected, JobIdentity.JobUuid(pipeline, childOf.Split(','), PythonJson.Parse(data)));
    }

    [Fact]
    public void Job_uuid_of_the_job_data_fixture_matches_the_reference()
    {
        // The job_data fixture of python-datacatalog's tests/fixtures/jobs.py, used by test_pipejob_event_setup_get_callback.
        var data = PythonJson.Parse(
            "{\"inputs\":{\"file1\":\"agave://data-sd2e-community/uploads/transcriptic/201808/yeast_gates/r1bsmggea748b_r1bsun4yb67e7/wt-control-1_0.00015_2.fcs\","
            + "\"ref1\":\"agave://data-sd2e-community/reference/novel_chassis/uma_refs/MG1655_WT/MG1655_WT.fa.ann\"},"
            + "\"parameters\":{\"param2\":\"agave://data-sd2e-community/uploads/transcriptic/201808/yeast_gates/r1bsmgdayg2yq_r1bsu7tb7bsuk/6389_0.0003_4.fcs\"}}");

        var uuid = JobIdentity.JobUuid(TacobotPipeline, ["102edd93-29d6-5483-b60b-8dfd4d094b9c"], data);

        Assert.Equal("107f033e-3a25-5f30-9666-542d6ce0e0aa", uuid);
    }

    [Fact]
    public void Tacobot_job_linearises_as_in_the_reference()
    {
        var text = JobIdentity.Linearize(TacobotPipeline, ["10483e8d-6602-532a-8941-176ce20dd05a"], PythonJson.Parse(TacobotData));

        Assert.Equal(
            "10650844-1baa-55c5-a481-5e945b19c065:['10483e8d-6602-532a-8941-176ce20dd05a']:"
            + "{\"param1\":\"value1\",\"param2\":1,\"param3\":true,\"param4\":[1,2,3],\"param5\":[\"a\",\"b\",\"c\"]}",
            text);
    }

    [Fact]
    public void Deep_dive_job_linearises_as_in_the_reference()
    {
        var text = JobIdentity.Linearize(DeepDivePipeline, ["1041ab3f-5221-5c79-8781-8838dfb6eef9"], new JObject());

        Assert.Equal("106c46ff-8186-5756-a934-071f4497b58d:['1041ab3f-5221-5c79-8781-8838dfb6eef9']:{}", text);
    }

    [Fact]
    public void Linearisation_sorts_its_parts_so_an_empty_child_of_still_comes_second()
    {
        Assert.Equal("106c46ff-8186-5756-a934-071f4497b58d:[]:{}", JobIdentity.Linearize(DeepDivePipeline, [], new JObject()));
    }

    [Theory]
    [InlineData("1041ab3f-5221-5c79-8781-8838dfb6eef9", "{}", "/products/v2/106c46ff81865756a934071f4497b58d/kZpoopq2GBKYy6DQ9pqqNbk8/PAVpwrObxp5YjYRvrJOd5yVp")]
    [InlineData("10483e8d-6602-532a-8941-176ce20dd05a,104dae4d-a677-5991-ae1c-696d2ee9884e", "{}", "/products/v2/106c46ff81865756a934071f4497b58d/3pGOjjEYq3BZ2DJ6e0jLQqWb/PAVpwrObxp5YjYRvrJOd5yVp")]
    [InlineData("103246e1-bcdf-5b6e-a8dc-4c7e81b91141", "{}", "/products/v2/106c46ff81865756a934071f4497b58d/kZgygQV2EDAAkDLRzrep1gO2/PAVpwrObxp5YjYRvrJOd5yVp")]
    [InlineData("102e95e6-67a8-5a06-9484-3131c6907890", "{}", "/products/v2/106c46ff81865756a934071f4497b58d/Db6rzKZnnyA8E5qvwvxjpwZ4/PAVpwrObxp5YjYRvrJOd5yVp")]
    [InlineData("102e95e6-67a8-5a06-9484-3131c6907890", "{\"alpha\":0.5}", "/products/v2/106c46ff81865756a934071f4497b58d/Db6rzKZnnyA8E5qvwvxjpwZ4/0p5yeV3VR3OELzgoJ5kk6Yxw")]
    [InlineData("102e95e6-67a8-5a06-9484-3131c6907890", "{\"alpha\":0.6}", "/products/v2/106c46ff81865756a934071f4497b58d/Db6rzKZnnyA8E5qvwvxjpwZ4/3pGLppQE69r3Z36EY3jlxxpN")]
    [InlineData(
        "103246e1-bcdf-5b6e-a8dc-4c7e81b91141",
        "{\"alpha\":0.5,\"inputs\":[\"agave://data-sd2e-community/uploads/tacc/example/345.txt\"],\"parameters\":{\"ref1\":\"agave://data-sd2e-community/reference/novel_chassis/uma_refs/MG1655_WT/MG1655_WT.fa\"}}",
        "/products/v2/106c46ff81865756a934071f4497b58d/kZgygQV2EDAAkDLRzrep1gO2/RbQyWyezlxlvXOYeG81qVbG4")]
    public void Archive_path_matches_the_deep_dive(string childOf, string data, string expected)
    {
        Assert.Equal(expected, JobIdentity.ArchivePath(DeepDivePipeline, childOf.Split(','), PythonJson.Parse(data)));
    }

    [Fact]
    public void Archive_path_without_linkage_hashes_the_empty_string()
    {
        var path = JobIdentity.ArchivePath(DeepDivePipeline, [], new JObject());

        Assert.Equal("/products/v2/106c46ff81865756a934071f4497b58d/BAkwe8wKZY2NgXyBpX8K5R1D/PAVpwrObxp5YjYRvrJOd5yVp", path);
    }

    [Fact]
    public void Instanced_archive_path_matches_the_deep_dive_and_keeps_the_job_uuid()
    {
        string[] childOf = ["102e95e6-67a8-5a06-9484-3131c6907890"];
        var directory = JobIdentity.InstancedDirectory("sensible-adder", _deepDiveClock, () => throw new InvalidOperationException());

        var path = JobIdentity.ArchivePath(DeepDivePipeline, childOf, new JObject(), directory);

        Assert.Equal(
            "/products/v2/106c46ff81865756a934071f4497b58d/Db6rzKZnnyA8E5qvwvxjpwZ4/PAVpwrObxp5YjYRvrJOd5yVp/sensible-adder-20190215T213009Z",
            path);
        Assert.Equal("107a90b7-f083-5167-a63d-41a3bf278bf8", JobIdentity.JobUuid(DeepDivePipeline, childOf, new JObject()));
    }

    [Theory]
    [InlineData("sensible-adder", "sensible-adder-20190215T213009Z")]
    [InlineData("sensible-adder-", "sensible-adder-20190215T213009Z")]
    [InlineData("abcd", "abcd-20190215T213009Z")]
    [InlineData("abc", "apparent-chamois20190215T213009Z")]
    [InlineData("", "apparent-chamois20190215T213009Z")]
    [InlineData(null, "apparent-chamois20190215T213009Z")]
    [InlineData("\U0001F600\U0001F600", "apparent-chamois20190215T213009Z")]
    public void Instanced_directory_follows_the_session_rules(string? session, string expected)
    {
        Assert.Equal(expected, JobIdentity.InstancedDirectory(session, _deepDiveClock, () => "apparent-chamois"));
    }

    [Fact]
    public void Instanced_directory_refuses_a_local_clock_reading()
    {
        var local = new DateTime(2019, 2, 15, 21, 30, 9, DateTimeKind.Local);

        Assert.Throws<ArgumentException>(() => JobIdentity.InstancedDirectory("sensible-adder", local, () => "x"));
    }
}
