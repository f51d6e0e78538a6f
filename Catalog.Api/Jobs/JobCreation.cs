using Catalog.Core.Jobs;
using Catalog.Core.Lineage;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.Jobs;

/// <summary>From a checked request and its resolved identity to the spec the job's first event carries.</summary>
public static class JobCreation
{
    public static JobSpec Spec(JobRequest request, JobPreview preview)
    {
        var references = DataReferences.From(request.Data, request.Inputs);
        return new JobSpec
        {
            Uuid = preview.Uuid,
            PipelineUuid = preview.PipelineUuid,
            Data = request.Data,
            ChildOf = preview.ChildOf,
            ArchivePath = preview.ArchivePath,
            ArchiveSystem = request.ArchiveSystem,
            ArchivePatterns = request.ArchivePatterns,
            ProductPatterns = request.ProductPatterns,
            Session = preview.Session,
            Agent = request.Agent,
            Task = request.Task,
            GeneratedBy = [preview.PipelineUuid],
            ActedOn = references.ActedOn,
            ActedUsing = references.ActedUsing,
        };
    }

    /// <summary>The compatibility webhook URL with the job's UUID and token filled in; works with a bare <c>curl -X POST</c>.</summary>
    public static string Webhook(string baseUrl, string jobUuid, string token) =>
        $"{baseUrl.TrimEnd('/')}/api/v1/webhooks/jobs?uuid={jobUuid}&token={token}";

    /// <summary>The job document as answered at creation: the document plus its token and webhook.</summary>
    public static JObject Answer(JObject document, string token, string webhook)
    {
        var answer = (JObject)document.DeepClone();
        answer["token"] = token;
        answer["webhook"] = webhook;
        return answer;
    }
}
