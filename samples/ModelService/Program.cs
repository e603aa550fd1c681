using Shipgate.Samples.ModelService;

if (args.Length > 0 && args[0] == HealthProbe.Argument)
{
    return await HealthProbe.RunAsync(args);
}

await ModelServiceApp.Create(args).RunAsync();
return 0;
