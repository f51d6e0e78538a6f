using Catalog.Api;
using Catalog.Api.Docs;
using Catalog.Api.Operations;
using Catalog.Api.Preview;
using Catalog.Webhooks;
using Catalog.Core.EventStore;
using Catalog.Core.Indexing;
using Catalog.Core.JobCommands;
using Catalog.Core.Projections;
using Catalog.Core.Projections.Files;
using Catalog.Core.Projections.JobDocuments;
using Catalog.Core.Projections.Lineage;
using Catalog.Webhooks.Http;
using JasperFx;
using JasperFx.CodeGeneration;
using Wolverine;
using Wolverine.Http;

if (args.Length > 0 && args[0] == "preview")
{
    return await PreviewCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
var settings = CatalogSettings.FromConfiguration(builder.Configuration);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = JsonBody.DrainBytes + 1);
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(new ApiKeys(settings.AdminKeys, settings.AgentKeys));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<CatalogDatabase>();
builder.Services.AddSingleton(services => new EventStore(services.GetRequiredService<CatalogDatabase>().DataSource));
builder.Services.AddSingleton(services => new JobTokenSecret(services.GetRequiredService<CatalogDatabase>().DataSource));
builder.Services.AddSingleton<JobPurge>();
builder.Services.AddSingleton(services => new IndexingService(services.GetRequiredService<JobService>(),
    services.GetRequiredService<CatalogDatabase>().DataSource, settings.StorageRoot, services.GetRequiredService<ILogger<IndexingService>>()));
builder.Services.AddCatalogAuthorization();
builder.Services.AddSingleton(services => new Catalog.Core.Pipelines.PipelineStore(services.GetRequiredService<CatalogDatabase>().DataSource));
builder.Services.AddSingleton(services => new ProjectionDaemon(
    services.GetRequiredService<CatalogDatabase>().ProjectionDataSource,
    [new JobDocumentsProjection(), new LineageProjection(), new FilesProjection()],
    services.GetRequiredService<ILoggerFactory>().CreateLogger<ProjectionDaemon>()));
builder.Services.AddSingleton(services =>
{
    var jobs = new JobService(services.GetRequiredService<EventStore>(), services.GetRequiredService<TimeProvider>());
    var daemon = services.GetRequiredService<ProjectionDaemon>();
    jobs.Appended += _ => daemon.Notify();
    return jobs;
});
builder.Services.AddHostedService<SchemaMigrationService>();
builder.Services.AddHostedService<ProjectionDaemonService>();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<DatabaseDownHandler>();
builder.Host.UseWolverine(options =>
{
    options.Durability.Mode = DurabilityMode.MediatorOnly;
    // Endpoint adapters are generated ahead of time and committed (Internal/Generated), so start-up compiles nothing;
    // GeneratedCodeTests fails, naming the command that writes them, when a route has no committed adapter. (Static
    // loading was tried: it silently drops a route whose adapter is missing instead of failing.)
    options.CodeGeneration.TypeLoadMode = TypeLoadMode.Auto;
    options.Discovery.IncludeAssembly(typeof(WebhooksAssembly).Assembly);
});
builder.Services.AddWolverineHttp();

var app = builder.Build();
app.UseExceptionHandler();
// Answers the framework gives without a body (no route matched, wrong method, Kestrel's limits) get a problem too,
// so every error the catalog sends is application/problem+json as the contract says; a miss names the closest route.
app.UseCatalogStatusPages();
app.UseStorableRequestText();
app.UseAuthentication();
app.UseAuthorization();
app.MapWolverineEndpoints(options => options.WarmUpRoutes = RouteWarmup.Eager);
app.MapCatalogDocs();
return await app.RunJasperFxCommands(args);

/// <summary>Entry point type, public so the HTTP tests can host the real application.</summary>
public partial class Program;
