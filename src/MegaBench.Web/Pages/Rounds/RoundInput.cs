using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Rounds;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Rounds;

/// <summary>
/// The fields of the new-round form, their rules and the save: the page (<see cref="CreateModel"/>) and
/// <c>POST /api/cities/{id}/rounds</c> call the same three steps (<see cref="ChoicesAsync"/>, <see cref="ValidateAsync"/>,
/// <see cref="CreateAsync"/>).
/// </summary>
public sealed class RoundInput
{
    [Display(Name = "Year")]
    [Required(ErrorMessage = "Enter the year of the round, e.g. 2026.")]
    [Range(2000, 2100, ErrorMessage = "The year must be between {1} and {2}.")]
    public int? Year { get; set; }

    [Display(Name = "Framework version")]
    [Required(ErrorMessage = "Choose the framework version the round uses.")]
    public int? FrameworkId { get; set; }

    /// <summary>The earlier round of the city whose organisations the new round starts with; null to start from nothing.</summary>
    public int? PreviousRoundId { get; set; }

    /// <summary>Also carry the earlier answers, as a starting point marked "carried over".</summary>
    public bool CopyAnswers { get; set; }

    public sealed record FrameworkOption(int Id, string Label);

    public sealed record EarlierRound(int Id, int Year, RoundStatus Status, int Organisations);

    /// <summary>What the form offers: every stored framework version, and the city's rounds a new one may start from, newest first.</summary>
    public sealed record Choices(IReadOnlyList<FrameworkOption> Frameworks, IReadOnlyList<EarlierRound> Earlier);

    public static async Task<Choices> ChoicesAsync(MegaBenchDbContext db, int cityId, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(localizer);
        var earlier = await db.Rounds.AsNoTracking().Where(r => r.CityId == cityId)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Id)
            .Select(r => new EarlierRound(r.Id, r.Year, r.Status, r.Organisations.Count))
            .ToListAsync(cancellationToken);
        var stored = await db.Frameworks.AsNoTracking().OrderBy(f => f.FrameworkId).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        var frameworks = stored.Select(s => new FrameworkOption(s.Id, localizer["{0} – version {1} ({2})", FrameworkStore.Read(s).Title[CultureInfo.CurrentUICulture.TwoLetterISOLanguageName], s.Version, s.FrameworkId])).ToList();
        return new Choices(frameworks, earlier);
    }

    /// <summary>
    /// The rules beyond the attributes: a stored framework version, one round per city and year, an earlier round of
    /// the same city. Errors go to <paramref name="modelState"/> under <paramref name="prefix"/>; returns the earlier round chosen.
    /// </summary>
    public async Task<EarlierRound?> ValidateAsync(MegaBenchDbContext db, City city, Choices choices, ModelStateDictionary modelState, string prefix, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(city);
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(localizer);
        if (FrameworkId is { } frameworkId && choices.Frameworks.All(f => f.Id != frameworkId))
        {
            modelState.AddModelError($"{prefix}.{nameof(FrameworkId)}", localizer["This framework version is not stored. Choose one from the list."]);
        }

        if (Year is { } year && await db.Rounds.AnyAsync(r => r.CityId == city.Id && r.Year == year, cancellationToken))
        {
            modelState.AddModelError($"{prefix}.{nameof(Year)}", localizer["{0} already has a round for {1}. Open that round, or choose another year.", city.Name, year]);
        }

        var previous = PreviousRoundId is { } previousId ? choices.Earlier.FirstOrDefault(r => r.Id == previousId) : null;
        if (PreviousRoundId is not null && previous is null)
        {
            modelState.AddModelError($"{prefix}.{nameof(PreviousRoundId)}", localizer["This round is not one of {0}'s. Choose one from the list, or start from nothing.", city.Name]);
        }

        return previous;
    }

    /// <summary>Adds the validated round, open, with what it carries from <paramref name="previous"/> (none: null) in the same save.</summary>
    public async Task<(Round Round, RoundSuccession.Carried? Carried)> CreateAsync(MegaBenchDbContext db, int cityId, EarlierRound? previous, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var round = new Round
        {
            CityId = cityId,
            Year = Year!.Value,
            StoredFrameworkId = FrameworkId!.Value,
            Status = RoundStatus.Open,
            CreatedAt = now,
        };
        db.Rounds.Add(round);
        if (previous is null)
        {
            await db.SaveChangesAsync(cancellationToken);
            return (round, null);
        }

        // The round and what it carries are saved together: one SaveChanges, one transaction.
        return (round, await RoundSuccession.CarryAsync(db, round, previous.Id, CopyAnswers, cancellationToken));
    }
}
