using System.Globalization;
using System.Runtime.CompilerServices;
using MegaBench.Data;
using MegaBench.Exports;
using MegaBench.Frameworks;
using MegaBench.Localization;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Reports;

/// <summary>
/// The long (tidy) CSV of rounds: one row per organisation × indicator of its group, unanswered ones
/// included, so that every cell of every assessment sheet is one row.
/// </summary>
/// <remarks>
/// Written through <see cref="CsvFiles"/>: UTF-8 without BOM, RFC 4180 quoting, every text cell neutralised
/// against formulas. A network is written round by round, each loaded, written and let go before the next,
/// so memory stays that of one round whatever the size of the network.
/// </remarks>
public static class RoundCsv
{
    /// <summary>
    /// The header row in English, one key of the interface texts: a language translates the column names together,
    /// keeping their order and count. Values stay as they are in every language (codes, and yes / no / not-determined /
    /// unanswered), so that a script reads any file the same way.
    /// </summary>
    private const string HeaderText =
        "network,city,country,year,group_code,group_name,organisation,indicator_code,stage,statement,themes,answer,comment,evidence,coordinator_note";

    public static IReadOnlyList<string> Header { get; } = HeaderText.Split(',');

    /// <summary>The header row in <paramref name="text"/>'s language; English when its translation lacks a column.</summary>
    public static IReadOnlyList<string> HeaderIn(InterfaceText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var translated = text[HeaderText].Split(',');
        return translated.Length == Header.Count ? translated : Header;
    }

    public static Task WriteAsync(RoundReport report, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return CsvFiles.WriteAsync(output, HeaderIn(report.Text), ToAsync(Rows(report)), cancellationToken);
    }

    /// <summary>Every round of a network, by city (name, country) then year.</summary>
    /// <exception cref="NetworkNotFoundException">No network has that id.</exception>
    /// <param name="progress">Told after each round: rounds written of the network's rounds.</param>
    public static async Task WriteNetworkAsync(MegaBenchDbContext db, int networkId, Stream output, CancellationToken cancellationToken, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var roundIds = await NetworkRounds.IdsAsync(db, networkId, cancellationToken);
        await CsvFiles.WriteAsync(output, Header, NetworkRows(db, roundIds, progress, cancellationToken), cancellationToken);
    }

    private static async IAsyncEnumerable<IReadOnlyList<string?>> NetworkRows(
        MegaBenchDbContext db, IReadOnlyList<int> roundIds, IProgress<WorkProgress>? progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var frameworks = new Dictionary<int, Framework>();
        for (var r = 0; r < roundIds.Count; r++)
        {
            var report = await NetworkRounds.LoadAsync(db, roundIds[r], frameworks, cancellationToken);
            foreach (var row in Rows(report))
            {
                yield return row;
            }

            progress?.Report(new WorkProgress("Exporting rounds", r + 1, roundIds.Count, "rounds"));
        }
    }

    public static IEnumerable<IReadOnlyList<string?>> Rows(RoundReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var year = report.Round.Year.ToString(CultureInfo.InvariantCulture);
        foreach (var sheet in report.Sheets)
        {
            var organisations = report.Organisations.Where(o => o.GroupCode == sheet.Group.Code).ToList();
            for (var column = 0; column < sheet.Columns.Count; column++)
            {
                var organisation = organisations[column];
                var answers = organisation.Answers.ToDictionary(a => a.IndicatorCode, StringComparer.Ordinal);
                foreach (var stage in sheet.Stages)
                {
                    foreach (var row in stage.Rows)
                    {
                        var answer = answers.GetValueOrDefault(row.Indicator.Code);
                        yield return
                        [
                            report.NetworkName, report.CityName, report.Country, year, sheet.Group.Code, report.Of(sheet.Group.Name),
                            organisation.Name, row.Indicator.Code, stage.Stage.Number.ToString(CultureInfo.InvariantCulture),
                            report.Of(row.Indicator.Text), string.Join(";", row.Indicator.Themes), ReportText.Value(row.Cells[column].Value),
                            answer?.Comment, answer?.Evidence, answer?.CoordinatorNote,
                        ];
                    }
                }
            }
        }
    }

    private static async IAsyncEnumerable<IReadOnlyList<string?>> ToAsync(IEnumerable<IReadOnlyList<string?>> rows)
    {
        foreach (var row in rows)
        {
            yield return row;
        }

        await Task.CompletedTask;
    }
}

/// <summary>Reading a network's rounds one at a time.</summary>
public static class NetworkRounds
{
    /// <summary>The ids of a network's rounds in export order: city name, country, year.</summary>
    /// <exception cref="NetworkNotFoundException">No network has that id.</exception>
    public static async Task<IReadOnlyList<int>> IdsAsync(MegaBenchDbContext db, int networkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.Networks.AnyAsync(n => n.Id == networkId, cancellationToken))
        {
            throw new NetworkNotFoundException(networkId);
        }

        var rounds = await db.Rounds.Where(r => r.City!.NetworkId == networkId)
            .Select(r => new { r.Id, City = r.City!.Name, r.City.Country, r.Year })
            .ToListAsync(cancellationToken);
        return [.. rounds
            .OrderBy(r => r.City, StringComparer.Ordinal).ThenBy(r => r.Country, StringComparer.Ordinal).ThenBy(r => r.Year).ThenBy(r => r.Id)
            .Select(r => r.Id)];
    }

    /// <summary>Loads one round untracked, reading each framework version once.</summary>
    public static async Task<RoundReport> LoadAsync(MegaBenchDbContext db, int roundId, Dictionary<int, Framework> frameworks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(frameworks);
        var round = await RoundGraph.LoadAsync(db, roundId, cancellationToken, withFramework: false);
        if (!frameworks.TryGetValue(round.StoredFrameworkId, out var framework))
        {
            var stored = await db.Frameworks.AsNoTracking().SingleAsync(f => f.Id == round.StoredFrameworkId, cancellationToken);
            framework = FrameworkStore.Read(stored);
            frameworks[round.StoredFrameworkId] = framework;
        }

        return RoundReport.Build(round, framework);
    }
}

public sealed class NetworkNotFoundException(int networkId)
    : Exception($"There is no network with id {networkId} in this database. Check the id, and that the database " +
                "settings (--connection-string, or Database__ConnectionString) point at the right database.")
{
    public int NetworkId { get; } = networkId;
}
