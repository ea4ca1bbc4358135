using System.ComponentModel.DataAnnotations;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Practices;
using MegaBench.Web.Display;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Practices;

/// <summary>The fields of the add- and edit-practice forms, and their rules.</summary>
public sealed class PracticeInput
{
    [Required(ErrorMessage = "Enter a title for the practice.")]
    [StringLength(200, ErrorMessage = "The title is too long: use at most {1} characters.")]
    public string? Title { get; set; }

    [StringLength(200, ErrorMessage = "The organisation's name is too long: use at most {1} characters.")]
    public string? Organisation { get; set; }

    [StringLength(20000, ErrorMessage = "The description is too long: use at most {1} characters.")]
    public string? Description { get; set; }

    [StringLength(500, ErrorMessage = "The link is too long: use at most {1} characters.")]
    public string? Link { get; set; }

    public string? Language { get; set; }

    public List<string> Themes { get; set; } = [];

    public static PracticeInput From(Practice practice) => new()
    {
        Title = practice.Title,
        Organisation = practice.Organisation,
        Description = practice.Description,
        Link = practice.Link,
        Language = practice.Language,
        Themes = [.. practice.ThemeList],
    };

    /// <summary>Trims the fields and checks the link, the language and the themes against the framework.</summary>
    public void Validate(Framework framework, ModelStateDictionary modelState, string prefix, IStringLocalizer localizer)
    {
        Title = FormHelpers.Clean(Title);
        Organisation = FormHelpers.Clean(Organisation);
        Link = FormHelpers.Clean(Link);
        Description ??= "";
        if (Link is not null && !FormHelpers.IsWebAddress(Link))
        {
            modelState.AddModelError($"{prefix}.{nameof(Link)}", localizer["The link must be a web address starting with http:// or https://, e.g. https://example.org/project."]);
        }

        if (Language is null || !framework.Languages.Contains(Language))
        {
            modelState.AddModelError($"{prefix}.{nameof(Language)}", localizer["Choose the language of the description: {0}.", string.Join(", ", framework.Languages)]);
        }

        Themes = [.. Themes.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal)];
        if (Themes.Count == 0)
        {
            modelState.AddModelError($"{prefix}.{nameof(Themes)}", localizer["Tick at least one theme the practice addresses."]);
        }
        else if (Themes.FirstOrDefault(t => framework.FindTheme(t) is null) is { } unknown)
        {
            modelState.AddModelError($"{prefix}.{nameof(Themes)}", localizer["'{0}' is not a theme of {1}. Tick themes from the list.", unknown, framework.Title[System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName]]);
        }
    }

    /// <summary>Adds the validated input as a practice of the city (the add-practice page and <c>POST /api/cities/{id}/practices</c>).</summary>
    public async Task<Practice> AddAsync(MegaBenchDbContext db, int cityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var practice = new Practice { CityId = cityId, Title = "", Language = "", CreatedAt = db.Clock.GetUtcNow() };
        ApplyTo(practice);
        db.Practices.Add(practice);
        await db.SaveChangesAsync(cancellationToken);
        return practice;
    }

    /// <summary>Stores the validated input over a tracked practice (the edit-practice page and <c>PUT /api/practices/{id}</c>).</summary>
    public async Task SaveAsync(MegaBenchDbContext db, Practice practice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ApplyTo(practice);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Deletes a tracked practice (the edit-practice page's delete button and <c>DELETE /api/practices/{id}</c>).</summary>
    public static async Task DeleteAsync(MegaBenchDbContext db, Practice practice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(practice);
        db.Practices.Remove(practice);
        await db.SaveChangesAsync(cancellationToken);
    }

    public void ApplyTo(Practice practice)
    {
        practice.Title = Title!;
        practice.Organisation = Organisation;
        practice.Description = Description ?? "";
        practice.Link = Link;
        practice.Language = Language!;
        practice.Themes = Practice.JoinThemes(Themes);
    }
}
