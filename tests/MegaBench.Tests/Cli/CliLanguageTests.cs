using System.Text.RegularExpressions;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Web.Localization;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Cli;

/// <summary><c>--lang</c> of <c>megabench match</c> and <c>megabench export round</c>: the words in the language asked for, English by default.</summary>
public sealed class CliLanguageTests
{
    [Fact]
    public async Task Match_with_lang_fr_prints_the_pairs_and_reasons_in_french()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(database, "demo")).ExitCode);
        int networkId;
        List<string> data;
        await using (var db = database.NewContext())
        {
            var network = await db.Networks.SingleAsync(Ct);
            networkId = network.Id;
            var cities = await db.Cities.Where(c => c.NetworkId == network.Id).Select(c => new { c.Name, c.Country }).ToListAsync(Ct);
            data = [network.Name, .. cities.Select(c => c.Name), .. cities.Select(c => c.Country)];
        }

        var english = await CliRunner.RunAsync(database, "match", $"{networkId}");
        var french = await CliRunner.RunAsync(database, "match", $"{networkId}", "--lang", "fr");
        var unknown = await CliRunner.RunAsync(database, "match", $"{networkId}", "--lang", "xx");

        Assert.Equal(0, english.ExitCode);
        Assert.StartsWith("Peer-review pairs of", english.Out, StringComparison.Ordinal);
        Assert.Equal(0, french.ExitCode);
        Assert.StartsWith("Binômes d’évaluation par les pairs de", french.Out, StringComparison.Ordinal);
        Assert.Contains("\u00a0: valeur ", french.Out, StringComparison.Ordinal);
        Assert.Contains(" apprend ", french.Out, StringComparison.Ordinal);
        // What is left once the names (data) are taken out is interface, and French; practices keep their own titles.
        var words = data.OrderByDescending(d => d.Length).Aggregate(french.Out, (text, name) => text.Replace(name, "", StringComparison.Ordinal));
        words = Regex.Replace(words, @"^    pratique de .*$", "", RegexOptions.Multiline);
        Assert.Empty(EnglishLeft.WordsIn(words));
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("\"xx\" is not a language of MegaBench", unknown.Error + unknown.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_round_with_lang_fr_writes_french_column_names()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await MegaBench.Tests.Reports.ReportFixture.BuildAsync(database);

        var french = await CliRunner.RunAsync(database, "export", "round", $"{round.RoundId}", "--format", "csv", "--lang", "fr");
        var english = await CliRunner.RunAsync(database, "export", "round", $"{round.RoundId}", "--format", "csv");

        Assert.Equal(0, french.ExitCode);
        Assert.StartsWith("réseau,ville,pays,année,", french.Out, StringComparison.Ordinal);
        Assert.StartsWith("network,city,country,year,", english.Out, StringComparison.Ordinal);
    }
}
