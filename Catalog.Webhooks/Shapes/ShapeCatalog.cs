using System.Reflection;

namespace Catalog.Webhooks.Shapes;

/// <summary>
/// How the OpenAPI generator names the shapes and finds their examples. The shapes describe the JSON the API reads and
/// writes (with Newtonsoft); they are documentation only. A type <c>XShape</c> of this namespace is the component schema
/// <c>X</c>; the namespace's other types (the <c>...Members</c> bases, the enums and items of a single member) are
/// inlined where they are used, as in the hand-written document.
/// <para>
/// How a shape reads: a member in the schema's <c>required</c> is <c>required</c>; a member that may be null is
/// nullable. An optional member that may not be null is non-nullable and starts as <c>null!</c> (absent), left out
/// when written (<c>JsonIgnore</c> WhenWritingDefault). Times are UTC <see cref="DateTime"/>s, which System.Text.Json
/// writes with a Z as the API does (a DateTimeOffset would be written +00:00).
/// </para>
/// </summary>
public static class ShapeCatalog
{
    public const string Suffix = "Shape";

    // Enums cannot carry a static Example.
    private static readonly Dictionary<Type, object> EnumExamples = new()
    {
        [typeof(JobStateShape)] = JobStateShape.Running,
        [typeof(JobEventNameShape)] = JobEventNameShape.Run,
    };

    /// <summary>
    /// True for the types of this namespace (also through <see cref="Nullable{T}"/>): for them <see cref="SchemaName"/>
    /// decides, null meaning inline; other types are named as the generator names them by default.
    /// </summary>
    public static bool Describes(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return (Nullable.GetUnderlyingType(type) ?? type).Namespace == typeof(ShapeCatalog).Namespace;
    }

    /// <summary>
    /// The schema name of a shape of this namespace (<c>JobSummaryShape</c> → <c>JobSummary</c>, also through
    /// <see cref="Nullable{T}"/>); null for a type of this namespace to inline and for any other type.
    /// </summary>
    public static string? SchemaName(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        type = Nullable.GetUnderlyingType(type) ?? type;
        var name = type.Name;
        return type.Namespace == typeof(ShapeCatalog).Namespace && !type.IsGenericType && name.Length > Suffix.Length &&
            name.EndsWith(Suffix, StringComparison.Ordinal)
            ? name[..^Suffix.Length]
            : null;
    }

    /// <summary>The type's static <c>Example</c> (for the enums, a value from the schema's example); null when it has none.</summary>
    public static object? ExampleOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (EnumExamples.TryGetValue(type, out var example))
        {
            return example;
        }
        var property = type.GetProperty("Example", BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly);
        return property is not null && property.GetIndexParameters().Length == 0 ? property.GetValue(null) : null;
    }
}
