using Catalog.Api;
using Catalog.Api.Operations;
using Catalog.Api.Preview;
using Wolverine;
using Wolverine.Http;

if (args.Length > 0 && args[0] == "preview")
{
    return await PreviewCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
var settings = CatalogSettings.FromConfiguration(builder.Configuration);
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<CatalogDatabase>();
builder.Services.AddHostedService<SchemaMigrationService>();
builder.Services.AddProblemDetails();
builder.Host.UseWolverine(options =>
{
    options.Durability.Mode = DurabilityMode.MediatorOnly;
    options.Discovery.IncludeAssembly(typeof(Catalog.Webhooks.WebhooksAssembly).Assembly);
});
builder.Services.AddWolverineHttp();

var app = builder.Build();
app.MapWolverineEndpoints(options => options.WarmUpRoutes = RouteWarmup.Eager);
await app.RunAsync();
return 0;

/// <summary>Entry point type, public so the HTTP tests can host the real application.</summary>
public partial class Program;
