using System.Globalization;
using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Queries;
using MegaBench.Rounds;
using MegaBench.Scoring;
using MegaBench.Web.Access;
using MegaBench.Web.Display;
using MegaBench.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Rounds;

/// <summary>One stakeholder group's assessment sheet, laid out like the sheets of the MEGA reports.</summary>
/// <remarks>
/// The busiest read page (every coordinator and visitor of a published round), so it reads only what it shows: the
/// round's headings with its stamps (<see cref="StampReader"/>, on kept connections; not the framework's stored
/// definition, whose parsed form <see cref="FrameworkStore"/> caches by content hash), then, in two flat compiled
/// queries, the group's organisations and their answers' values and notes. Loading entities with <c>Include</c>
/// instead cost about three times the CPU per page (issue 7). The two queries run only when the sheet is not cached
/// under the round's change stamp (<see cref="SheetKey"/>), so a cached sheet's request makes no context; anonymous
/// readers get the whole page from the output cache (<see cref="MegaBench.Web.Reports.PageCache"/>).
/// </remarks>
[OutputCache(PolicyName = MegaBench.Web.Reports.PageCache.Round)]
public sealed class SheetModel(StampReader stamps, AccessPolicy access) : PageModel
{
    public SheetRound Round { get; private set; } = null!;

    public Framework Framework { get; private set; } = null!;

    public AssessmentSheet Sheet { get; private set; } = null!;

    /// <summary>Each column's organisation score (its level), in column order.</summary>
    public IReadOnlyList<OrganisationScore> Scores { get; private set; } = [];

    public bool IsDemo => Round.IsDemo;

    public StakeholderGroup Group { get; private set; } = null!;

    /// <summary>What the sheet itself (the page without its layout) is cached under: the same for every reader of the round.</summary>
    public string SheetKey { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, string groupCode, CancellationToken cancellationToken)
    {
        // The round's row, access and stamp on the stamp reader's kept connections: a request whose sheet is cached
        // makes no context of its own, which was a third of its cost.
        if (await stamps.OfRoundAndNetworkAsync(id, cancellationToken) is not { } read)
        {
            return NotFound();
        }

        var round = SheetRound.Of(id, read);
        if (!access.CanRead(round.Scope))
        {
            return NotFound();
        }

        var framework = await FrameworkStore.ReadAsync(() => Db, round.StoredFrameworkId, round.FrameworkHash, cancellationToken);
        if (framework.FindGroup(groupCode) is not { } group)
        {
            return NotFound();
        }

        Round = round;
        Framework = framework;
        Group = group;
        SheetKey = string.Create(CultureInfo.InvariantCulture, $"{round.Id}/{group.Code}/{round.Stamp}/{CultureInfo.CurrentUICulture.Name}");
        return Page();
    }

    /// <summary>The request's context, made only when the sheet or its framework must be read.</summary>
    private MegaBenchDbContext Db => HttpContext.RequestServices.GetRequiredService<MegaBenchDbContext>();

    /// <summary>
    /// Reads the group's organisations and answers and builds the sheet: only when the sheet is not in the cache under
    /// <see cref="SheetKey"/> (the view calls it inside its <c>cache</c> tag).
    /// </summary>
    /// <remarks>
    /// Every organisation of the round is a column: the handler let the reader in only if they may read the round, and
    /// whoever may read a round may read each of its organisations (<see cref="AccessPolicy.CanRead(AccessScope)"/>), so
    /// the sheet is the same for every reader and one cached copy serves them all.
    /// </remarks>
    public async Task LoadSheetAsync(CancellationToken cancellationToken)
    {
        var code = Group.Code;
        var db = Db;
        // One connection for both queries (the context closes it when the request ends).
        await db.Database.OpenConnectionAsync(cancellationToken);
        var columns = await OrganisationsQuery.For(db)(db, Round.Id, code).ToListAsync(cancellationToken);
        columns = [.. columns.OrderBy(o => o.Position).ThenBy(o => o.Name, StringComparer.Ordinal)];

        // The answers of the whole group, then handed to the columns: one query whatever the column count.
        var answers = await AnswersQuery.For(db)(db, Round.Id, code).ToListAsync(cancellationToken);
        var byId = columns.ToDictionary(o => o.Id);
        foreach (var answer in answers)
        {
            if (byId.TryGetValue(answer.OrganisationId, out var organisation))
            {
                organisation.Answers.Add(answer);
            }
        }

        Sheet = AssessmentSheet.Build(Framework, Group, columns);
        Scores = [.. columns.Select(o => Scorer.ScoreOrganisation(Framework, Group, new OrganisationAnswers(
            o.Id, o.Name, o.GroupCode, o.Answers.ToDictionary(a => a.IndicatorCode, a => a.Value, StringComparer.Ordinal))))];
    }

    // Compiled (once per model): a LINQ query otherwise rebuilds its expression tree, and EF looks its translation
    // up by that tree, on every execution (a sizeable share of this page's allocations and CPU in the profile).
    private static readonly CompiledPerModel<Func<MegaBenchDbContext, int, string, IAsyncEnumerable<Organisation>>> OrganisationsQuery = new(() =>
        EF.CompileAsyncQuery((MegaBenchDbContext db, int id, string code) => db.Organisations.AsNoTracking()
            .Where(o => o.RoundId == id && o.GroupCode == code)
            .Select(o => new Organisation { Id = o.Id, RoundId = o.RoundId, Name = o.Name, GroupCode = o.GroupCode, Notes = o.Notes, Position = o.Position })));

    private static readonly CompiledPerModel<Func<MegaBenchDbContext, int, string, IAsyncEnumerable<Answer>>> AnswersQuery = new(() =>
        EF.CompileAsyncQuery((MegaBenchDbContext db, int id, string code) => db.Answers.AsNoTracking()
            .Where(a => a.Organisation!.RoundId == id && a.Organisation.GroupCode == code)
            .Select(a => new Answer { OrganisationId = a.OrganisationId, IndicatorCode = a.IndicatorCode, Value = a.Value, Comment = a.Comment, CoordinatorNote = a.CoordinatorNote, CarriedOverFrom = a.CarriedOverFrom })));

    /// <summary>"basic level", or "not yet at basic level"; flagged when it rests on few yes-or-no answers.</summary>
    public string LevelText(OrganisationScore score, Translator translator)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(translator);
        var level = Figures.Level(Framework, score.Level, translator);
        return score.LowCoverage ? translator.Plain("{0} – little data", level) : level;
    }
}

/// <summary>What the sheet shows of its round and decides access on, read with the round's stamps (<see cref="RoundStamps"/>).</summary>
public sealed record SheetRound(
    int Id,
    int Year,
    RoundStatus Status,
    int CityId,
    string CityName,
    int NetworkId,
    string NetworkName,
    bool IsDemo,
    int StoredFrameworkId,
    string FrameworkHash,
    long Stamp)
{
    public AccessScope Scope { get; } = AccessScope.ForRound(NetworkId, CityId, Id, Status);

    /// <summary>Round <paramref name="id"/> as its stamps' read gives it.</summary>
    public static SheetRound Of(int id, RoundStamps read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return new(id, read.Year, read.Status, read.CityId, read.CityName, read.NetworkId, read.NetworkName, read.IsDemo, read.StoredFrameworkId, read.FrameworkHash, read.Round);
    }
}
