using System.CommandLine;
using MegaBench.Demo;
using MegaBench.Frameworks;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Cli.Commands;

/// <summary><c>megabench demo</c>: stores the MEGA framework and loads the fictional demo network.</summary>
internal static class DemoCommand
{
    public const string MegaFile = "mega-2018.yaml";

    public static Command Build(CliEnvironment environment, GlobalOptions options)
    {
        var demo = new Command("demo", $"Store the MEGA framework ({MegaFile}) and load the demo network of fictional cities, unless it is loaded already.");
        demo.SetAction((result, ct) => MegaBenchCli.Guard(environment, async () =>
        {
            var path = Path.Combine(environment.FrameworksDirectory, MegaFile);
            if (!File.Exists(path))
            {
                throw new CliException($"The MEGA framework file is missing: {path}. Reinstall megabench, or set Frameworks__Directory to the folder that holds {MegaFile}.");
            }

            var framework = FrameworkLoader.LoadFile(path);
            await using var db = await options.OpenDatabaseAsync(result, environment, ct);
            var existed = await db.Networks.AnyAsync(n => n.Name == DemoNetwork.NetworkName, ct);
            var network = await DemoNetwork.EnsureLoadedAsync(db, framework, TimeProvider.System, ct);
            var cities = await db.Cities.CountAsync(c => c.NetworkId == network.Id, ct);
            var rounds = await db.Rounds.CountAsync(r => r.City!.NetworkId == network.Id, ct);
            await environment.Out.WriteLineAsync(existed
                ? $"The demo network \"{network.Name}\" is already loaded ({cities} cities, {rounds} rounds); nothing was added."
                : $"Loaded the demo network \"{network.Name}\": {cities} fictional cities, {rounds} published rounds, with framework {framework.Id} {framework.Version}.");
            return MegaBenchCli.Success;
        }));
        return demo;
    }
}
