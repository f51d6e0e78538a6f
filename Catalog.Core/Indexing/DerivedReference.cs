using Catalog.Core.Identifiers;

namespace Catalog.Core.Indexing;

/// <summary>
/// A product request's <c>derived_from</c> / <c>derived_using</c> entry read without a catalogue lookup (reference
/// §7.4). Each form knows its UUID; all but a typed UUID still have to be shown to exist.
/// </summary>
public abstract record DerivedReference(string Text)
{
    private const string AgaveScheme = "agave://";

    /// <summary>A file or reference UUID: used as is, as python-datacatalog did (existence not checked).</summary>
    public sealed record Typed(string Text, string Uuid) : DerivedReference(Text);

    /// <summary><c>./path</c> below the job's archive path: the file must be there or already indexed.</summary>
    public sealed record JobRelative(string Text, string Path, string Uuid) : DerivedReference(Text);

    /// <summary><c>agave://system/path</c>: the file must exist in that system's folder under the storage root.</summary>
    public sealed record Agave(string Text, string System, string Path, string Uuid) : DerivedReference(Text);

    /// <summary>An absolute file name: the file must already be indexed.</summary>
    public sealed record IndexedName(string Text, string Path, string Uuid) : DerivedReference(Text);

    /// <summary>Nothing this catalog can resolve (identifiers of other records, other URI schemes).</summary>
    public sealed record Unresolvable(string Text, string Reason) : DerivedReference(Text);

    public static DerivedReference Classify(string text, string archivePath)
    {
        if (TypedUuid.TryParse(text, out var uuid) && UuidType.Classify(uuid) is { } type)
        {
            return type == UuidType.File || type == UuidType.Reference
                ? new Typed(text, uuid)
                : new Unresolvable(text, $"it is a {type.Name} UUID, not a file or reference UUID");
        }
        if (text.StartsWith("./", StringComparison.Ordinal))
        {
            var path = FileIdentity.Normalize(archivePath + "/" + text);
            return new JobRelative(text, path, FileIdentity.FileUuid(path));
        }
        if (text.StartsWith(AgaveScheme, StringComparison.Ordinal))
        {
            var rest = text[AgaveScheme.Length..];
            var slash = rest.IndexOf('/');
            var system = slash < 0 ? rest : rest[..slash];
            var path = slash < 0 ? "" : FileIdentity.Normalize("/" + rest[(slash + 1)..]);
            return system.Length == 0 || path is "" or "/" || system is "." or ".."
                ? new Unresolvable(text, "an agave URI needs a system and a file path: agave://<system>/<path>")
                : new Agave(text, system, path, FileIdentity.FileUuid(path));
        }
        if (text.StartsWith('/'))
        {
            var path = FileIdentity.Normalize(text);
            return new IndexedName(text, path, FileIdentity.FileUuid(path));
        }
        return new Unresolvable(text,
            "it is not a file or reference UUID, a './' path below the job's archive path, an agave://<system>/<path> URI or the name of an indexed file");
    }
}
