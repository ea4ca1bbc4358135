using System.ComponentModel.DataAnnotations;
using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Rounds;
using MegaBench.Web.Display;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Organisations;

/// <summary>The fields of the add-organisation and edit-organisation forms, and their rules.</summary>
public sealed class OrganisationInput
{
    public const int NotesMaxLength = TextLimits.OrganisationNotes;

    /// <summary>What the forms and the API say when a published round's organisations would change.</summary>
    public const string PublishedRoundIsLocked =
        "This round is published, so its organisations cannot be added or changed. To correct one, reopen the round (set its status to Closed on the round’s page), make the change, and publish the round again.";

    /// <summary>
    /// Whether a round's organisations are locked: readers, the exports and the network's comparisons read a
    /// published round, and its publication rests on a summary of its organisations, so a change goes through reopening
    /// it (audited) and publishing again, as for its answers.
    /// </summary>
    public static bool IsLocked(Round round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return round.Status == RoundStatus.Published;
    }

    [Required(ErrorMessage = "Enter the organisation's name.")]
    [StringLength(TextLimits.OrganisationName, ErrorMessage = "The name is too long: use at most {1} characters.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Choose the organisation's stakeholder group.")]
    public string? GroupCode { get; set; }

    /// <summary>Bound as text so that an unknown kind gets a clear message rather than a conversion error.</summary>
    [Required(ErrorMessage = "Choose the kind of organisation.")]
    public string? Kind { get; set; }

    [StringLength(TextLimits.Website, ErrorMessage = "The website address is too long: use at most {1} characters.")]
    public string? Website { get; set; }

    /// <summary>Where the questionnaire link and reminders are e-mailed.</summary>
    [StringLength(TextLimits.ContactEmail, ErrorMessage = "The e-mail address is too long: use at most {1} characters.")]
    public string? ContactEmail { get; set; }

    [StringLength(NotesMaxLength, ErrorMessage = "The notes are too long: use at most {1} characters.")]
    public string? Notes { get; set; }

    public static OrganisationInput From(Organisation organisation) => new()
    {
        Name = organisation.Name,
        GroupCode = organisation.GroupCode,
        Kind = organisation.Kind,
        Website = organisation.Website,
        ContactEmail = organisation.ContactEmail,
        Notes = organisation.Notes,
    };

    /// <summary>
    /// Trims the fields and checks what annotations cannot: the group belongs to the round's framework,
    /// the kind is one of the framework's, the website is an http(s) address, and no other organisation of the round has the
    /// same name (ignoring case); and an organisation that has answered keeps its group (<paramref name="stored"/>: the
    /// organisation being edited, null when adding).
    /// </summary>
    public async Task ValidateAsync(MegaBenchDbContext db, Round round, Framework framework, Organisation? stored, ModelStateDictionary modelState, IStringLocalizer localizer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(localizer);
        var organisationId = stored?.Id;
        Name = FormHelpers.Clean(Name);
        Website = FormHelpers.Clean(Website);
        ContactEmail = FormHelpers.Clean(ContactEmail);
        Notes = FormHelpers.Clean(Notes);
        GroupCode = FormHelpers.Clean(GroupCode);
        Kind = FormHelpers.Clean(Kind);

        if (GroupCode is not null && framework.FindGroup(GroupCode) is null)
        {
            var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            modelState.AddModelError("Input.GroupCode", localizer["'{0}' is not a stakeholder group of {1}. Choose one of: {2}.", GroupCode, framework.Title[language], string.Join(", ", framework.Groups.Select(g => g.Name[language]))]);
        }

        if (Kind is not null && framework.FindOrganisationKind(Kind) is null)
        {
            modelState.AddModelError("Input.Kind", localizer["'{0}' is not a kind of organisation. Choose one from the list.", Kind!]);
        }

        if (Website is not null && !FormHelpers.IsWebAddress(Website))
        {
            modelState.AddModelError("Input.Website", localizer["Enter a full web address starting with http:// or https://, e.g. https://www.example.org, or leave it empty."]);
        }

        if (ContactEmail is not null && !IsEmailAddress(ContactEmail))
        {
            modelState.AddModelError("Input.ContactEmail", "Enter one e-mail address, e.g. contact@example.org, or leave it empty.");
        }

        if (Name is not null)
        {
            var others = await db.Organisations.AsNoTracking()
                .Where(o => o.RoundId == round.Id && o.Id != organisationId)
                .Select(o => o.Name)
                .ToListAsync(cancellationToken);
            if (others.Any(n => string.Equals(n, Name, StringComparison.OrdinalIgnoreCase)))
            {
                modelState.AddModelError("Input.Name", localizer["This round already has an organisation called {0}. Choose another name, or edit that organisation.", Name!]);
            }
        }

        // Answers belong to the statements of one group: moving an answered organisation would orphan them.
        if (stored is not null && GroupCode is not null && GroupCode != stored.GroupCode
            && await db.Answers.AnyAsync(a => a.OrganisationId == stored.Id && a.Value != AnswerValue.Unanswered, cancellationToken))
        {
            modelState.AddModelError("Input.GroupCode", localizer["This organisation has already answered statements of its group, so its group cannot change. Add it again in the other group instead."]);
        }
    }

    /// <summary>
    /// Adds the validated input as an organisation of the round, the last column of its group's sheet (the
    /// add-organisation page and <c>POST /api/rounds/{id}/organisations</c>).
    /// </summary>
    public async Task<Organisation> AddAsync(MegaBenchDbContext db, Round round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(round);
        var last = await db.Organisations
            .Where(o => o.RoundId == round.Id && o.GroupCode == GroupCode)
            .MaxAsync(o => (int?)o.Position, cancellationToken);
        var organisation = new Organisation { RoundId = round.Id, Name = "", GroupCode = "", Kind = "", Position = (last ?? 0) + 1 };
        ApplyTo(organisation);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(cancellationToken);
        return organisation;
    }

    /// <summary>Stores the validated input over a tracked organisation (the edit-organisation page and <c>PUT /api/organisations/{id}</c>).</summary>
    public async Task SaveAsync(MegaBenchDbContext db, Organisation organisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(organisation);
        ApplyTo(organisation);
        await db.SaveChangesAsync(cancellationToken);
    }

    private void ApplyTo(Organisation organisation)
    {
        organisation.Name = Name!;
        organisation.GroupCode = GroupCode!;
        organisation.Kind = Kind!;
        organisation.Website = Website;
        organisation.ContactEmail = ContactEmail;
        organisation.Notes = Notes;
    }

    /// <summary>One bare address (no display name, no list), as the e-mail sender accepts it.</summary>
    private static bool IsEmailAddress(string text) =>
        System.Net.Mail.MailAddress.TryCreate(text, out var address) && address.Address == text && address.Host.Contains('.', StringComparison.Ordinal);
}
