using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Identifiers;

/// <summary>
/// The job UUID and archive path of python-datacatalog's ManagedPipelineJob. <c>childOf</c> is the resolved,
/// de-duplicated, sorted linkage list (see <see cref="Linkage"/>); <c>data</c> is the job's parameter object with its
/// JSON number kinds intact.
/// </summary>
public static class JobIdentity
{
    /// <summary>
    /// The text hashed into the job UUID: <c>str()</c> of pipeline_uuid, child_of and data (a dict as canonical JSON),
    /// sorted by code point and joined with ':'.
    /// </summary>
    public static string Linearize(string pipelineUuid, IEnumerable<string> childOf, JToken data)
    {
        ArgumentNullException.ThrowIfNull(pipelineUuid);
        ArgumentNullException.ThrowIfNull(childOf);
        ArgumentNullException.ThrowIfNull(data);
        string[] parts = [pipelineUuid, PythonJson.Repr(childOf), PythonStr(data)];
        Array.Sort(parts, PythonText.CodePointComparer);
        return string.Join(':', parts);
    }

    /// <summary>The pipelinejob (107) TypedUUID of <see cref="Linearize"/>.</summary>
    public static string JobUuid(string pipelineUuid, IEnumerable<string> childOf, JToken data) =>
        TypedUuid.Create(UuidType.PipelineJob, Linearize(pipelineUuid, childOf, data));

    /// <summary>
    /// <c>/products/v2/&lt;pipeline uuid&gt;/&lt;hashid of child_of&gt;/&lt;hashid of data&gt;</c> with every '-' removed,
    /// then, when given, the instanced directory (which keeps its dashes).
    /// </summary>
    public static string ArchivePath(string pipelineUuid, IEnumerable<string> childOf, JToken data, string? instancedDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(pipelineUuid);
        ArgumentNullException.ThrowIfNull(childOf);
        ArgumentNullException.ThrowIfNull(data);
        var linkageHash = Hashids.UuidToHashid(TypedUuid.Create(UuidType.Generic, string.Join(':', childOf)));
        var dataHash = Hashids.UuidToHashid(TypedUuid.Create(UuidType.Generic, PythonJson.Dumps(data)));
        var path = PosixJoin(PosixJoin(PosixJoin("/products/v2", pipelineUuid), linkageHash), dataHash).Replace("-", "");
        return instancedDirectory is null ? path : PosixJoin(path, instancedDirectory);
    }

    /// <summary>
    /// The instanced directory name: <c>&lt;session&gt;-yyyyMMddTHHmmssZ</c> (no extra dash when the session already ends
    /// with one); a session that is null or shorter than 4 characters is replaced by <paramref name="petName"/>() with the
    /// timestamp appended directly, e.g. <c>apparent-chamois20200827T153216Z</c>.
    /// </summary>
    /// <param name="utcNow">The current time in UTC (an Unspecified kind is taken as UTC).</param>
    /// <param name="petName">Supplies an adjective-animal name such as "sensible-adder"; only called when needed.</param>
    public static string InstancedDirectory(string? session, DateTime utcNow, Func<string> petName)
    {
        ArgumentNullException.ThrowIfNull(petName);
        if (utcNow.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("The instanced directory is stamped in UTC; pass a UTC time.", nameof(utcNow));
        }

        var stamp = utcNow.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture) + "Z";
        if (session is null || PythonText.CodePointCount(session) < 4)
        {
            return petName() + stamp;
        }

        return session.EndsWith('-') ? session + stamp : session + "-" + stamp;
    }

    // Python's str(): a dict goes through json.dumps, a string is itself, anything else is its repr.
    private static string PythonStr(JToken data) => data switch
    {
        JObject => PythonJson.Dumps(data),
        JValue { Type: JTokenType.String } text => (string)text.Value!,
        _ => PythonJson.Repr(data),
    };

    // os.path.join: an absolute second part replaces the first.
    private static string PosixJoin(string head, string tail)
    {
        if (tail.StartsWith('/'))
        {
            return tail;
        }

        return head.Length == 0 || head.EndsWith('/') ? head + tail : head + "/" + tail;
    }
}
