using System.Reflection;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Catalog.Api.Queries;

/// <summary>Whether a read route shows hidden jobs (<c>?include_deleted=true</c>, which takes an admin key).</summary>
public sealed record Visibility(bool IncludeDeleted) : IFromStep, IEndpointMetadataProvider
{
    // Open to read; an admin key shows hidden jobs.
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        ApiDocs.Add(builder, new SecurityDoc(true, [SecurityDoc.Bearer]));
}

/// <summary>The one privilege a read route can ask for: seeing hidden jobs, which takes an admin key.</summary>
public static class QueryAccess
{
    /// <summary>
    /// The shared step of every read route that can show hidden jobs. <c>?include_deleted=</c>: false when absent; a 422
    /// when it is neither true nor false; when true, the 401/403 of the admin policy unless the caller holds an admin key.
    /// </summary>
    public static async Task<(Visibility?, Results<UnprocessableProblem, AccessProblem>?)> VisibilityAsync(HttpContext context)
    {
        var (includeDeleted, error) = QueryParameters.Flag(context.Request.Query["include_deleted"], "include_deleted");
        if (error is not null)
        {
            return (null, Problems.Unprocessable(error, [error]));
        }
        if (includeDeleted && await CatalogAccess.RequireAsync(context, CatalogPolicies.Admin) is { } denied)
        {
            return (null, denied);
        }
        return (new Visibility(includeDeleted), null);
    }

    /// <summary>A 422 naming every parameter to fix.</summary>
    public static UnprocessableProblem Invalid(IReadOnlyList<string> errors) => Problems.Unprocessable(string.Join(" ", errors), errors);
}
