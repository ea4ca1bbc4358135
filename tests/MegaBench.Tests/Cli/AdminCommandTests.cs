using MegaBench.Accounts;
using MegaBench.Cli;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Cli;

public sealed class AdminCommandTests
{
    private static async Task<CliResult> RunAsync(TestDatabase database, string? stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin ?? "");
        var environment = new CliEnvironment(output, error, CliRunner.Configuration(database.Options.Provider.ToString(), database.Options.ConnectionString), CliRunner.BuiltInFrameworks) { In = input };
        var code = await MegaBenchCli.RunAsync(args, environment, TestContext.Current.CancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Admin_create_with_a_password_on_stdin_makes_an_administrator_of_every_network()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await RunAsync(database, "a password typed on stdin\n", "admin", "create", "--email", "ada@example.org", "--name", "Ada", "--password-stdin");

        Assert.True(result.ExitCode == MegaBenchCli.Success, result.ToString());
        Assert.DoesNotContain("a password typed on stdin", result.Out, StringComparison.Ordinal);
        await using var db = database.NewContext();
        var user = await db.Users.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("Ada", user.DisplayName);
        Assert.True((await Grants.LoadAsync(db, user.Id, TestContext.Current.CancellationToken)).AdministersAllNetworks);
        await using var factory = new MegaBenchAppFactory(database);
        await factory.CreateBrowser().SignInAsync("ada@example.org", "a password typed on stdin");
    }

    [Fact]
    public async Task Admin_create_without_a_password_prints_a_generated_one_that_signs_in()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await RunAsync(database, null, "admin", "create", "--email", "ada@example.org");

        Assert.True(result.ExitCode == MegaBenchCli.Success, result.ToString());
        var password = result.Out.Split('\n').Single(l => l.StartsWith("Password", StringComparison.Ordinal)).Split(": ")[1].Trim();
        await using var factory = new MegaBenchAppFactory(database);
        await factory.CreateBrowser().SignInAsync("ada@example.org", password);
    }

    [Fact]
    public async Task Admin_create_with_a_weak_password_or_an_empty_stdin_creates_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();

        var weak = await RunAsync(database, "short\n", "admin", "create", "--email", "ada@example.org", "--password-stdin");
        var empty = await RunAsync(database, "", "admin", "create", "--email", "ada@example.org", "--password-stdin");

        Assert.Equal(MegaBenchCli.UserError, weak.ExitCode);
        Assert.Contains("not created", weak.Error, StringComparison.Ordinal);
        Assert.Equal(MegaBenchCli.UserError, empty.ExitCode);
        Assert.Contains("No password on standard input", empty.Error, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.False(await db.Users.AnyAsync(TestContext.Current.CancellationToken));
    }
}
