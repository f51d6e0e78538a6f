using Catalog.Api;
using Catalog.Api.Docs;
using Catalog.Api.Operations;
using Catalog.Api.Preview;
using Catalog.Api.Queries;
using Catalog.Api.Ui;
using Catalog.Webhooks;
using Catalog.Core.EventStore;
using Catalog.Core.Indexing;
using Catalog.Core.Observability;
using Catalog.Core.JobCommands;
using Catalog.Core.Projections;
using Catalog.Core.Projections.Files;
using Catalog.Core.Projections.JobDocuments;
using Catalog.Core.Projections.Lineage;
using Catalog.Core.Reactor;
using Catalog.Webhooks.Http;
using JasperFx;
using OpenTelemetry.Metrics;
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
builder.Services.AddSingleton(services => new Catalog.Core.Groups.GroupService(services.GetRequiredService<EventStore>(),
    services.GetRequiredService<TimeProvider>()));
builder.Services.AddSingleton(services => new SystemReactor(services.GetRequiredService<CatalogDatabase>().DataSource,
    services.GetRequiredService<JobService>(), services.GetRequiredService<TimeProvider>(),
    services.GetRequiredService<ILoggerFactory>().CreateLogger<SystemReactor>(),
    new SystemReactorOptions { PurgeHiddenAfter = settings.PurgeHiddenAfter }, services.GetRequiredService<JobPurge>()));
builder.Services.AddHostedService<SchemaMigrationService>();
builder.Services.AddHostedService<ProjectionDaemonService>();
builder.Services.AddHostedService<SystemReactorService>();
builder.Services.AddSingleton(services => new Catalog.Core.Operations.BulkOperations(services.GetRequiredService<EventStore>(),
    services.GetRequiredService<JobService>(), services.GetRequiredService<TimeProvider>(),
    services.GetRequiredService<ILogger<Catalog.Core.Operations.BulkOperations>>()));
builder.Services.AddSingleton<BulkOperationsService>();
builder.Services.AddSingleton(services => new Catalog.Core.OpenLineage.OpenLineageLog(services.GetRequiredService<CatalogDatabase>().DataSource));
builder.Services.AddSingleton(services => new Catalog.Api.OpenLineage.OpenLineageIngest(services.GetRequiredService<JobService>(),
    services.GetRequiredService<Catalog.Core.Groups.GroupService>(), services.GetRequiredService<Catalog.Core.Pipelines.PipelineStore>(),
    services.GetRequiredService<Catalog.Core.OpenLineage.OpenLineageLog>(), new Catalog.Core.Indexing.ArchiveStorage(settings.StorageRoot),
    services.GetRequiredService<TimeProvider>()));
builder.Services.AddHostedService(services => services.GetRequiredService<BulkOperationsService>());
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<DatabaseDownHandler>();
builder.Host.UseWolverine(options =>
{
    options.Durability.Mode = DurabilityMode.MediatorOnly;
    // Endpoint adapters are generated ahead of time and committed (Internal/Generated): a Release host loads them
    // statically and compiles nothing at start-up. Static loading gives a route without an adapter no route at all, so
    // GeneratedCodeTests fails, naming the command that writes them, when an endpoint has none; a Debug host still
    // generates what is missing, for the edit-run loop.
#if DEBUG
    options.CodeGeneration.TypeLoadMode = TypeLoadMode.Auto;
#else
    options.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
#endif
    options.Discovery.IncludeAssembly(typeof(WebhooksAssembly).Assembly);
});
builder.Services.AddWolverineHttp();
builder.Services.AddCatalogOpenApi();
// Metrics at /metrics (Prometheus text): requests by route and status with latency histograms, the catalog's own
// instruments (events appended by type, group commit sizes and durations, projection lag, rebuild progress), Npgsql's.
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddAspNetCoreInstrumentation()
    .AddMeter(CatalogMetrics.MeterName, "Npgsql")
    .AddPrometheusExporter());
MetricsPipelineStart.Replace(builder.Services);

var app = builder.Build();
app.UseRequestLog();
app.UseExceptionHandler();
// Answers the framework gives without a body (no route matched, wrong method, Kestrel's limits) get a problem too,
// so every error the catalog sends is application/problem+json as the contract says; a miss names the closest route.
app.UseCatalogStatusPages();
app.UseStorableRequestText();
// The web UI: its pages and their files (Catalog.Api/Ui), before the API's authentication and strict query checks.
app.UseCatalogUi();
app.UseAuthentication();
app.UseAuthorization();
app.UseStrictQuery();
app.MapWolverineEndpoints(options =>
{
    options.WarmUpRoutes = RouteWarmup.Eager;
    options.AddParameterHandlingStrategy<StepValues>();
    options.AddPolicy<DeclaredOutcomes>();
});
app.MapCatalogDocs();
app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(new HttpMethodMetadata(["GET"]));
// JasperFx's command line (codegen, describe, ...) runs only when a command is named: a plain start, flags only, runs
// the host directly (without the notice JasperFx prints when it steps aside for ASP.NET's flags).
if (args.Length == 0 || args[0].StartsWith('-'))
{
    await app.RunAsync();
    return 0;
}
return await app.RunJasperFxCommands(args);

/// <summary>Entry point type, public so the HTTP tests can host the real application.</summary>
public partial class Program;
