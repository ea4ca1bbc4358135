using System.Globalization;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Matching;
using MegaBench.Practices;
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

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var report = await ReadableRounds.CompareAsync(db, access, id, cancellationToken);
        if (report is null)
        {
            return NotFound();
        }

        Report = report;
        CanEdit = access.CanEdit(AccessScope.For(report.Round));
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
        var earlierRounds = await db.Rounds.AsNoTracking()
            .Where(r => r.CityId == city.Id && r.Year < report.Round.Year)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Id)
            .Select(r => new { r.Id, r.Status, Stamp = EF.Property<long>(r, ChangeStamps.Property) })
            .ToListAsync(cancellationToken);
        foreach (var row in earlierRounds)
        {
            if (access.CanRead(AccessScope.ForRound(city.NetworkId, city.Id, row.Id, row.Status))
                && await RoundScores.LoadAsync(db, row.Id, row.Stamp, cancellationToken) is { } earlier)
            {
                Changes = RoundComparison.Compare(earlier, report.Scored);
                break;
            }
        }

        return Page();
    }

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
