using Catalog.Core.Projections;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.Admin;

/// <summary>How a projection's progress is shown to admins.</summary>
public static class ProjectionJson
{
    public static JObject Of(ProjectionStatus status) => new()
    {
        ["name"] = status.Name,
        ["status"] = status.Status,
        ["position"] = status.Position,
        ["head"] = status.Head,
        ["lag"] = status.Lag,
        ["rebuild_target"] = status.RebuildTarget,
        ["rebuild_position"] = status.RebuildPosition,
        ["rebuild_percent"] = status.RebuildPercent,
        ["last_error"] = status.LastError,
        ["error_position"] = status.ErrorPosition,
    };
}
