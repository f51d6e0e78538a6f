using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Projections.Files;

/// <summary>
/// A file record as the routes answer it: <c>{uuid, file_id, name, storage_system, level, size, checksum?,
/// generated_by, child_of, derived_from, derived_using, removed_at}</c>. The jobs that indexed it are both its
/// <c>child_of</c>, as python-datacatalog linked outputs, and its <c>generated_by</c>, as the contract names it;
/// <c>removed_at</c> is when a reset emptied the folder it was in (null while it is on storage).
/// </summary>
public static class FileDocument
{
    public static JObject Of(IndexedFile file, IReadOnlyList<string> producers, DateTimeOffset? removedAt)
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
        document["generated_by"] = new JArray(producers);
        document["child_of"] = new JArray(producers);
        document["derived_from"] = new JArray(file.DerivedFrom);
        document["derived_using"] = new JArray(file.DerivedUsing);
        document["removed_at"] = removedAt is { } at ? JobEventJson.FormatTime(at) : null;
        return document;
    }
}
