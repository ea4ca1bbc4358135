using System.Data.Common;
using System.Globalization;
using System.Net;
using MegaBench.Data;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Infrastructure;

/// <summary>
/// One database and one app for a class of page theories that only read (an xunit class fixture): the round of
/// <see cref="BuildAsync"/>, a coordinator of its city (<see cref="Person"/>) and an administrator of every network,
/// signed in once. Starting an app and signing in take about a second; a page, a tenth of that.
/// </summary>
/// <remarks>
/// Only for tests that never write: <see cref="AssertNothingWrittenAsync"/>, called by each test after its request,
/// fails when any table's row count changed or (SQLite) anything was committed since the fixture was ready, so a page
/// that starts writing on GET fails its test, which then belongs with the tests that build their own app. Each test
/// gets its own browser (<see cref="NewAdministratorBrowser"/>) holding a copy of the sign-in cookies, so a cookie
/// one page sets (the language) never reaches another test.
/// </remarks>
public abstract class ReadOnlyPagesApp : IAsyncLifetime
{
    private readonly CookieContainer _signedIn = new();
    private TestDatabase? _database;
    private MegaBenchAppFactory? _factory;
    private DbConnection? _watch;
    private string _snapshot = "";

    public BuiltRound Round { get; private set; } = null!;

    /// <summary>The id of the coordinator of the round's city.</summary>
    public string Person { get; private set; } = "";

    /// <summary>The data of the pages; called once, on an empty database.</summary>
    protected abstract Task<BuiltRound> BuildAsync(TestDatabase database);

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Round = await BuildAsync(_database);
        _factory = new MegaBenchAppFactory(_database);
        Person = await TestAccounts.CreateAsync(_database, "claire@example.org", TestRole.CoordinatorOf(Round.CityId));
        using (var client = _factory.CreateDefaultClient(new CookieContainerHandler(_signedIn)))
        {
            await client.SignInAsAsync(_database, TestRole.AdministratorOfEveryNetwork);
        }

        if (_database.Provider == DatabaseProvider.Sqlite)
        {
            _watch = new Microsoft.Data.Sqlite.SqliteConnection(_database.Options.ConnectionString);
            await _watch.OpenAsync();
        }

        _snapshot = await SnapshotAsync();
    }

    /// <summary>A browser of its own (cookies, no automatic redirects), signed in as an administrator of every network.</summary>
    public HttpClient NewAdministratorBrowser()
    {
        var cookies = new CookieContainer();
        cookies.Add(_signedIn.GetAllCookies());
        return _factory!.CreateDefaultClient(new CookieContainerHandler(cookies));
    }

    /// <summary>Fails when anything was written to the database since the fixture was ready.</summary>
    public async Task AssertNothingWrittenAsync(string url)
    {
        var now = await SnapshotAsync();
        Assert.True(now == _snapshot, $"GET {url} wrote to the database ({_snapshot} before, {now} after): a test of this page must build its own app, not share {GetType().Name}.");
    }

    /// <summary>Every table's row count, and SQLite's data_version (it changes when another connection commits).</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = _database!.NewContext();
        var counts = new List<string>();
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts.Add($"{table}={Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), CultureInfo.InvariantCulture)}");
        }

        if (_watch is not null)
        {
            await using var command = _watch.CreateCommand();
            command.CommandText = "PRAGMA data_version";
            counts.Add($"data_version={Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), CultureInfo.InvariantCulture)}");
        }

        return string.Join(" ", counts);
    }

    public async ValueTask DisposeAsync()
    {
        if (_watch is not null)
        {
            await _watch.DisposeAsync();
        }

        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
