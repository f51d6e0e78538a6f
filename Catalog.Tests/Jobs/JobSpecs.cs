using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Jobs;

/// <summary>Job specs with distinct UUIDs, built the way job creation builds them.</summary>
public static class JobSpecs
{
    public const string Pipeline = "106c46ff-8186-5756-a934-071f4497b58d";

    public static JobSpec Unique(string? label = null)
    {
        var data = new JObject { ["run"] = label ?? Guid.NewGuid().ToString("N"), ["alpha"] = 0.5, ["n"] = 100.0 };
        string[] childOf = ["102e95e6-67a8-5a06-9484-3131c6907890"];
        return new JobSpec
        {
            Uuid = JobIdentity.JobUuid(Pipeline, childOf, data),
            PipelineUuid = Pipeline,
            Data = data,
            ChildOf = childOf,
            ArchivePath = JobIdentity.ArchivePath(Pipeline, childOf, data),
            ArchiveSystem = JobRequest.DefaultArchiveSystem,
            GeneratedBy = [Pipeline],
        };
    }
}
