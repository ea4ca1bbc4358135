using System.CommandLine;
using MegaBench.Accounts;
using MegaBench.Data;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Cli.Commands;

/// <summary>
/// <c>megabench admin create --email E [--name N] [--password-stdin]</c>: creates an administrator of every
/// network. Whoever can run this already holds the database, so no setup code is needed.
/// </summary>
internal static class AdminCommands
{
    public static Command Build(CliEnvironment environment, GlobalOptions options)
    {
        var email = new Option<string>("--email") { Description = "The administrator's e-mail address; it is the name to sign in with.", Required = true };
        var name = new Option<string?>("--name") { Description = "The administrator's display name." };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description = "Read the password from the first line of standard input (so it stays out of the shell history). Without it, a strong password is generated and printed once.",
        };

        var create = new Command("create", "Create an administrator of every network (for the first administrator, or when every administrator lost access).");
        create.Options.Add(email);
        create.Options.Add(name);
        create.Options.Add(passwordStdin);
        create.SetAction((result, ct) => MegaBenchCli.Guard(environment, async () =>
        {
            var database = options.Database(result, environment);
            await using (var db = CliDatabase.Open(database))
            {
                await CliDatabase.EnsureMigratedAsync(db, database, ct);
            }

            string password;
            var generated = !result.GetValue(passwordStdin);
            if (generated)
            {
                // 128 random bits: far beyond the 12 characters Identity asks for.
                password = Secrets.Create(bytes: 16);
            }
            else
            {
                password = (await environment.In.ReadLineAsync(ct))?.TrimEnd('\r') ?? "";
                if (password.Length == 0)
                {
                    throw new CliException("No password on standard input. Pipe it in, e.g. `printf '%s\\n' \"$PASSWORD\" | megabench admin create --email ... --password-stdin`, or leave out --password-stdin to have one generated.");
                }
            }

            var services = new ServiceCollection().AddLogging();
            services.AddMegaBenchDatabase(database);
            AccountSetup.AddAccountsCore(services);
            await using var provider = services.BuildServiceProvider();
            await using var scope = provider.CreateAsyncScope();
            var setup = scope.ServiceProvider.GetRequiredService<AccountSetup>();
            var created = await setup.CreateAdministratorAsync(result.GetValue(email)!, password, result.GetValue(name), ct);
            if (!created.Succeeded)
            {
                throw new CliException($"The administrator was not created: {string.Join(" ", created.Errors)}");
            }

            await environment.Out.WriteLineAsync($"Created the administrator {created.User!.Email} (administrator of every network) in the {CliDatabase.Describe(database)}.");
            if (generated)
            {
                await environment.Out.WriteLineAsync($"Password (shown once, keep it safe; change it after signing in): {password}");
            }

            return MegaBenchCli.Success;
        }));

        var admin = new Command("admin", "Accounts administration.");
        admin.Subcommands.Add(create);
        return admin;
    }
}
