using CocReports.Functions;
using Microsoft.Extensions.Hosting;

await FunctionsApp.Build(args).RunAsync();
