namespace Catalog.Core.Identifiers;

/// <summary>File record identity as python-datacatalog's FileStore computes it.</summary>
public static class FileIdentity
{
    private const string FileIdPrefix = "file.tacc.";

    /// <summary>
    /// The stored file name: surrounding whitespace stripped, leading slashes collapsed to one, then POSIX normpath.
    /// Relative names stay relative; "" becomes ".".
    /// </summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return NormPath(PythonText.Strip(name));
    }

    /// <summary>The file (105) TypedUUID of the normalised name; the storage system plays no part.</summary>
    public static string FileUuid(string name) => TypedUuid.Create(UuidType.File, Normalize(name));

    /// <summary><c>file.tacc.</c> + the hashid of the file TypedUUID of <c>agave://&lt;system&gt;/&lt;path&gt;</c>.</summary>
    public static string FileId(string name, string storageSystem)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(storageSystem);

        // FileStore.generate_string_id runs on the document as submitted, before the name is stripped: normpath('/' + name).
        var uri = "agave://" + storageSystem + NormPath("/" + name);
        return FileIdPrefix + Hashids.UuidToHashid(TypedUuid.Create(UuidType.File, uri));
    }

    // datacatalog.utils.normpath: re.sub('^(/)+', '/', p) then os.path.normpath.
    internal static string NormPath(string path)
    {
        var start = 0;
        while (start + 1 < path.Length && path[start] == '/' && path[start + 1] == '/')
        {
            start++;
        }

        return PosixNormPath(path[start..]);
    }

    // posixpath.normpath, including its rule that exactly two leading slashes survive (unreachable after the collapse).
    private static string PosixNormPath(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        var leadingSlashes = !path.StartsWith('/') ? 0 : path.StartsWith("//") && !path.StartsWith("///") ? 2 : 1;
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part != ".." || (leadingSlashes == 0 && parts.Count == 0) || (parts.Count > 0 && parts[^1] == ".."))
            {
                parts.Add(part);
            }
            else if (parts.Count > 0)
            {
                parts.RemoveAt(parts.Count - 1);
            }
        }

        var normalized = new string('/', leadingSlashes) + string.Join('/', parts);
        return normalized.Length == 0 ? "." : normalized;
    }
}
