using System.Globalization;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Matching;
using MegaBench.Practices;
using MegaBench.Queries;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using MegaBench.Web.Display;
using MegaBench.Web.Localization;
using MegaBench.Web.Narrative;
using MegaBench.Web.Reports;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Rounds;

/// <summary>
/// The city profile of a round: levels per group, theme scores against the network median, strengths and gaps,
/// the drafted conclusions, learning partners, the narrative and what changed since the city's previous round.
/// </summary>
[OutputCache(PolicyName = MegaBench.Web.Reports.PageCache.RoundInNetwork)]
public sealed class ProfileModel(MegaBenchDbContext db, AccessPolicy access, SafeMarkdown markdown, IStringLocalizer<SharedResource> localizer, MegaBench.Web.Localization.Translator translator) : PageModel
{
    /// <summary>How many learning partners the profile lists.</summary>
    public const int PartnerCount = 3;

    public ComparedRound Report { get; private set; } = null!;

    public IReadOnlyList<ThemeChartRow> Themes { get; private set; } = [];

    public DraftConclusions? Draft { get; private set; }

    public IReadOnlyList<Partner> Partners { get; private set; } = [];

    public IReadOnlyList<DetailsModel.SectionRow> Sections { get; private set; } = [];

    public bool HasMayShare { get; private set; }

    public bool HasMayLookAt { get; private set; }

    public RoundComparison? Changes { get; private set; }

    public bool CanEdit { get; private set; }

    /// <summary>Practices recorded by other cities of the network, on the themes of this city's gaps.</summary>
    public IReadOnlyList<Practice> Practices { get; private set; } = [];

    public string ChartAlt { get; private set; } = "";

    /// <summary>
    /// What the profile below its heading is cached under: the round's and its network's stamps, the earlier rounds the
    /// reader may compare with (and their stamps), the language, and what the reader may read and edit. Readers with the
    /// same grants see the same profile, so one cached copy serves them all.
    /// </summary>
    public string ProfileKey { get; private set; } = "";

    /// <summary>The earlier rounds of the city the reader may read, latest first: the profile compares with the first that scores.</summary>
    private IReadOnlyList<EarlierRound> _earlier = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        // One connection for the page's queries (the context closes it when the request ends).
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (await ReadableRounds.ReadAsync(db, access, id, cancellationToken) is not { } readable)
        {
            return NotFound();
        }

        Report = readable.Report;
        CanEdit = access.CanEdit(AccessScope.For(Report.Round));
        var city = Report.Scored.City;
        _earlier = [.. (await EarlierRoundsQuery.For(db)(db, city.Id, Report.Round.Year).ToListAsync(cancellationToken))
            .Where(r => access.CanRead(AccessScope.ForRound(city.NetworkId, city.Id, r.Id, r.Status)))];
        ProfileKey = string.Create(CultureInfo.InvariantCulture,
            $"{id}/{readable.Stamps.Round}.{readable.Stamps.Network}/{string.Join(',', _earlier.Select(r => $"{r.Id}.{r.Stamp}"))}/{CultureInfo.CurrentUICulture.Name}/{CanEdit}/{access.Grants.AccessKey}");
        return Page();
    }

    /// <summary>
    /// The profile's figures, findings, partners, practices, narrative and changes: only when the profile is not in the
    /// cache under <see cref="ProfileKey"/> (the view calls it inside its <c>cache</c> tag).
    /// </summary>
    public async Task LoadProfileAsync(CancellationToken cancellationToken)
    {
        var report = Report;
        var city = report.Scored.City;
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Themes = report.ChartRows(language);
        ChartAlt = ThemeChart.AltText(city.Name, Themes, translator.ForExports());
        if (report.StrengthsAndGaps is { } findings)
        {
            Draft = Conclusions.Draft(report.Framework, findings, language);
            if (findings.ThemeGaps.Count > 0)
            {
                var practices = await PracticeLibrary.ForThemesAsync(db, city.NetworkId, [.. findings.ThemeGaps.Select(g => g.Theme)], [city.Id], cancellationToken);
                var published = (await db.Rounds.AsNoTracking().Where(r => r.City!.NetworkId == city.NetworkId && r.Status == MegaBench.Rounds.RoundStatus.Published).Select(r => r.CityId).ToListAsync(cancellationToken)).ToHashSet();
                Practices = [.. practices.Where(p => access.CanRead(AccessScope.For(p.City!, published.Contains(p.CityId))))];
            }
        }

        if (report.Analysis is { } analysis)
        {
            Partners = [.. analysis.Cities
                .Where(c => c.Id != city.Id)
                .Select(c => new Partner(
                    c,
                    report.Network.Rounds.First(r => r.City.Id == c.Id).Round.Id,
                    analysis.Learning(city.Id, c.Id),
                    analysis.LearningValueOf(c.Id, city.Id)))
                .Where(p => p.LooksAt.Value > 0)
                .OrderByDescending(p => p.LooksAt.Value + p.Shares).ThenBy(p => p.City.Id)
                .Take(PartnerCount)];
        }

        var narrative = report.Round.Narrative;
        Sections = [.. NarrativeSections.All.Select(kind => new DetailsModel.SectionRow(
            NarrativeSections.Slug(kind),
            NarrativeSections.Title(kind, city.Name, localizer),
            markdown.Render(narrative.FirstOrDefault(n => n.Kind == kind)?.Markdown)))];
        HasMayShare = !string.IsNullOrWhiteSpace(narrative.FirstOrDefault(n => n.Kind == NarrativeKind.MayShare)?.Markdown);
        HasMayLookAt = !string.IsNullOrWhiteSpace(narrative.FirstOrDefault(n => n.Kind == NarrativeKind.MayLookAt)?.Markdown);

        // The previous round: the latest earlier year of the same city that the caller may read, scored once per change of it.
        foreach (var row in _earlier)
        {
            if (await RoundScores.LoadAsync(db, row.Id, row.Stamp, cancellationToken) is { } earlier)
            {
                Changes = RoundComparison.Compare(earlier, report.Scored);
                break;
            }
        }
    }

    private sealed record EarlierRound(int Id, MegaBench.Rounds.RoundStatus Status, long Stamp);

    // Compiled (once per model): it runs on every request, cached profile or not.
    private static readonly CompiledPerModel<Func<MegaBenchDbContext, int, int, IAsyncEnumerable<EarlierRound>>> EarlierRoundsQuery = new(() =>
        EF.CompileAsyncQuery((MegaBenchDbContext db, int cityId, int year) => db.Rounds.AsNoTracking()
            .Where(r => r.CityId == cityId && r.Year < year)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Id)
            .Select(r => new EarlierRound(r.Id, r.Status, EF.Property<long>(r, ChangeStamps.Property)))));

    public IHtmlContent IndicatorText(Translator translator, string code) =>
        Framework(translator, (Report.Framework.FindIndicator(code) ?? Changes?.Earlier.Framework.FindIndicator(code))?.Text, code);

    /// <summary>The statement as a label before a colon (without its closing full stop).</summary>
    public IHtmlContent IndicatorLabel(Translator translator, string code)
    {
        ArgumentNullException.ThrowIfNull(translator);
        return (Report.Framework.FindIndicator(code) ?? Changes?.Earlier.Framework.FindIndicator(code))?.Text is { } text
            ? translator.FrameworkLabel(text)
            : new HtmlString(System.Net.WebUtility.HtmlEncode(code));
    }

    public IHtmlContent ThemeName(Translator translator, string code) => Framework(translator, Report.Framework.FindTheme(code)?.Name, code);

    /// <summary>The theme's name in the request's language, as plain text inside a sentence.</summary>
    public string ThemeText(string code) =>
        Report.Framework.FindTheme(code)?.Name[CultureInfo.CurrentUICulture.TwoLetterISOLanguageName] ?? code;

    public IHtmlContent GroupName(Translator translator, string code) => Framework(translator, Report.Framework.FindGroup(code)?.Name, code);

    private static IHtmlContent Framework(Translator translator, LocalizedText? text, string code)
    {
        ArgumentNullException.ThrowIfNull(translator);
        return text is null ? new HtmlString(System.Net.WebUtility.HtmlEncode(code)) : translator.Framework(text);
    }

    /// <summary>The other cities' practices on a theme, cited beside the city's gap in it.</summary>
    public IReadOnlyList<Practice> PracticesOn(string theme) => [.. Practices.Where(p => p.ThemeList.Contains(theme))];

    /// <summary>The themes the city may look at in a partner, each with both scores ("Training (40 → 85)"); "individual statements" when none.</summary>
    public string ThemesToLookAt(Partner partner)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return string.Join(", ", partner.LooksAt.Items.Where(i => i.Level == EvidenceLevel.Theme)
            .Select(i => $"{ThemeText(i.Code)} ({Figures.Score(i.Learner, localizer)} → {Figures.Score(i.Teacher, localizer)})")
            .DefaultIfEmpty(localizer["individual statements"]));
    }

    /// <summary>Organisations as "Name (GROUP)", comma separated; "none" when there are none.</summary>
    public string OrganisationList(IEnumerable<(string Group, string Name)> organisations) =>
        string.Join(", ", organisations.Select(o => $"{o.Name} ({o.Group})").DefaultIfEmpty(localizer["none"]));

    /// <summary>A city the profile's city can learn from: what it learns, and what the other learns back.</summary>
    public sealed record Partner(MatchingCity City, int RoundId, LearningValue LooksAt, double Shares);
}
