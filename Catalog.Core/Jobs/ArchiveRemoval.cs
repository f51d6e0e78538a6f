using System.Globalization;
using Catalog.Core.Identifiers;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Jobs;

/// <summary>
/// A folder a reset emptied, kept when the job that emptied it is purged. The clearing emptied the folder for every job
/// that indexed files in it, so the fact outlives the purged stream: it is carried into a stream of its own
/// (<see cref="StreamOf"/>) before the purge, with the log position it happened at, so the files projection marks the
/// same records removed whether it saw the clearing before the purge or rebuilds from the log after it.
/// </summary>
public sealed record ArchiveRemoval(string ArchiveSystem, string ArchivePath, DateTimeOffset At, long BeforePosition)
{
    public const string EventType = "storage.files_removed.v1";
    public const string StreamType = "storage";

    /// <summary>The stream the clearings of one life (incarnation) of a job are carried into.</summary>
    public static string StreamOf(string jobUuid, int incarnation) =>
        string.Create(CultureInfo.InvariantCulture, $"removals:{jobUuid}:{incarnation}");

    public static ArchiveRemoval Of(JobEvent.ArchiveCleared cleared, long position) =>
        new(cleared.ArchiveSystem, cleared.ArchivePath, cleared.At, position);

    public string Serialize() => new JObject
    {
        ["archive_system"] = ArchiveSystem,
        ["archive_path"] = ArchivePath,
        ["at"] = JobEventJson.FormatTime(At),
        ["before_position"] = BeforePosition,
    }.ToString(Formatting.None);

    public static ArchiveRemoval Deserialize(string json)
    {
        var body = (JObject)PythonJson.Parse(json);
        return new ArchiveRemoval((string)body["archive_system"]!, (string)body["archive_path"]!,
            DateTimeOffset.Parse((string)body["at"]!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            (long)body["before_position"]!);
    }
}
