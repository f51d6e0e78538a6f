using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Projections.Files;

/// <summary>
/// A file record as the routes answer it: <c>{uuid, file_id, name, storage_system, level, size, checksum?,
/// generated_by, child_of, derived_from, derived_using}</c>. The job that indexed it is both its <c>child_of</c>, as
/// python-datacatalog linked outputs, and its <c>generated_by</c>, as the contract names it.
/// </summary>
public static class FileDocument
{
    public static JObject Of(IndexedFile file, string jobUuid)
    {
        var document = new JObject
        {
            ["uuid"] = file.Uuid,
            ["file_id"] = file.FileId,
            ["name"] = file.Name,
            ["storage_system"] = file.StorageSystem,
            ["level"] = file.Level,
            ["size"] = file.Size,
        };
        if (file.Checksum is not null)
        {
            document["checksum"] = file.Checksum;
        }
        document["generated_by"] = new JArray(jobUuid);
        document["child_of"] = new JArray(jobUuid);
        document["derived_from"] = new JArray(file.DerivedFrom);
        document["derived_using"] = new JArray(file.DerivedUsing);
        return document;
    }
}
