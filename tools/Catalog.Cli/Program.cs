using Catalog.Cli;

return await CatalogCommandLine.RunAsync(args);
