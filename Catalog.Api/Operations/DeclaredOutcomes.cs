using Catalog.Api.Queries;
using Catalog.Core.EventStore;
using Catalog.Core.Indexing;
using Catalog.Core.JobCommands;
using Catalog.Core.Pipelines;
using Catalog.Core.Projections;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Wolverine.Http;

namespace Catalog.Api.Operations;

/// <summary>
/// Declares the statuses a route answers outside its own steps, from what the route itself declares: 401/403 from its
/// authorization policy, 400 from the query parameters it reads (<see cref="ReadsQueryAttribute"/>), 503 when it uses
/// the database. The statuses its steps answer are declared by their outcome types.
/// </summary>
public sealed class DeclaredOutcomes : IHttpPolicy
{
    private static readonly Type[] DatabaseServices =
    [
        typeof(CatalogDatabase), typeof(JobService), typeof(JobPurge), typeof(IndexingService), typeof(PipelineStore),
        typeof(ProjectionDaemon), typeof(JobTokenSecret), typeof(EventStore), typeof(Catalog.Core.Groups.GroupService),
        typeof(Catalog.Core.Operations.BulkOperations), typeof(Catalog.Api.OpenLineage.OpenLineageIngest),
    ];

    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            var method = chain.Method.Method;
            foreach (var authorize in method.GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>())
            {
                // An admin route refuses an agent key (403); the others take any valid key.
                if (authorize.Policy == CatalogPolicies.Admin)
                {
                    Declare<AccessProblem>(chain);
                }
                else
                {
                    Declare<UnauthorizedProblem>(chain);
                }
            }
            if (method.GetCustomAttributes(typeof(ReadsQueryAttribute), true).FirstOrDefault() is ReadsQueryAttribute reads)
            {
                chain.Metadata.WithMetadata(reads);
                Declare<BadRequestProblem>(chain);
            }
            // Every API route refuses a query holding text the catalog cannot store (StorableRequestText) with a 422.
            if (chain.RoutePattern?.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true && !Mentions(method.ReturnType, typeof(UnprocessableProblem)))
            {
                Declare<UnprocessableProblem>(chain);
            }
            var uses = method.DeclaringType!.GetMethods().SelectMany(m => m.GetParameters()).Select(p => p.ParameterType);
            if (uses.Any(type => DatabaseServices.Contains(type)))
            {
                Declare<UnavailableProblem>(chain);
            }
        }
    }

    private static bool Mentions(Type type, Type outcome) =>
        type == outcome || (type.IsGenericType && type.GetGenericArguments().Any(argument => Mentions(argument, outcome)));

    // The outcome type declares itself, as it does in a route's return type.
    private static void Declare<TOutcome>(HttpChain chain) where TOutcome : IEndpointMetadataProvider =>
        chain.Metadata.Add(builder => TOutcome.PopulateMetadata(chain.Method.Method, builder));
}
