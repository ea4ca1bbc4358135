using System.Globalization;
using MegaBench.Frameworks;
using MegaBench.Learning;
using MegaBench.Web.Display;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Reviews;

/// <summary>The visit's dates and place (the reviewer's form on the visit page), and their rules.</summary>
public sealed class VisitInput
{
    public DateOnly? Start { get; set; }

    public DateOnly? End { get; set; }

    public string? Place { get; set; }

    public static VisitInput From(PeerReview review) => new() { Start = review.VisitStart, End = review.VisitEnd, Place = review.VisitPlace };

    /// <summary>
    /// The start on or before the end (a one-day visit may leave the end empty: it ends on its start), the place
    /// at most <see cref="CycleRules.ShortTextMaxLength"/> characters, and no meeting of the agenda left outside
    /// the new dates.
    /// </summary>
    public void Validate(IReadOnlyList<VisitMeeting> meetings, ModelStateDictionary modelState, string prefix, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(localizer);
        Place = FormHelpers.Clean(Place);
        if (Place is { Length: > CycleRules.ShortTextMaxLength })
        {
            modelState.AddModelError($"{prefix}.{nameof(Place)}", localizer["The place is too long: use at most {0} characters.", CycleRules.ShortTextMaxLength]);
        }

        if (Start is null && End is not null)
        {
            modelState.AddModelError($"{prefix}.{nameof(Start)}", localizer["Enter the first day of the visit as well as its last day."]);
            return;
        }

        if (Start is { } start && End is { } end && end < start)
        {
            modelState.AddModelError($"{prefix}.{nameof(End)}", localizer["The visit ends on {0}, before it starts on {1}: enter a last day on or after the first day.", Date(end), Date(start)]);
            return;
        }

        if (Start is { } first && meetings.FirstOrDefault(m => m.Date < first || m.Date > (End ?? first)) is { } outside)
        {
            modelState.AddModelError($"{prefix}.{nameof(Start)}", localizer["The agenda has a meeting on {0}, outside these dates: move or delete that meeting first, or choose dates that include it.", Date(outside.Date)]);
        }
    }

    public void ApplyTo(PeerReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        review.VisitStart = Start;
        review.VisitEnd = Start is null ? null : End ?? Start;
        review.VisitPlace = Place;
    }

    /// <summary>A date as the pages show it, in the reader's language.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);
}

/// <summary>A meeting of the visit's agenda (the add and edit forms), and its rules.</summary>
public sealed class MeetingInput
{
    public DateOnly? Date { get; set; }

    public TimeOnly? Start { get; set; }

    public TimeOnly? End { get; set; }

    /// <summary>One of the host round's organisations; empty for <see cref="OrganisationName"/>.</summary>
    public int? OrganisationId { get; set; }

    public string? OrganisationName { get; set; }

    public List<string> Themes { get; set; } = [];

    public string? Participants { get; set; }

    public static MeetingInput From(VisitMeeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return new()
        {
            Date = meeting.Date,
            Start = meeting.Start,
            End = meeting.End,
            OrganisationId = meeting.OrganisationId,
            OrganisationName = meeting.OrganisationName,
            Themes = [.. meeting.ThemeList],
            Participants = meeting.Participants,
        };
    }

    /// <summary>
    /// A date within the visit's dates when they are set, a start before the end, the organisation either one of
    /// the host round's (<paramref name="organisations"/>) or a name, themes of the host's framework only, and the
    /// participants' roles at most <see cref="CycleRules.ShortTextMaxLength"/> characters.
    /// </summary>
    public void Validate(PeerReview review, Framework framework, IReadOnlyCollection<int> organisations, ModelStateDictionary modelState, string prefix, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(organisations);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(localizer);
        OrganisationName = FormHelpers.Clean(OrganisationName);
        Participants = FormHelpers.Clean(Participants);
        if (Date is not { } date)
        {
            modelState.AddModelError($"{prefix}.{nameof(Date)}", localizer["Enter the day of the meeting."]);
        }
        else if (review.VisitStart is { } first && (date < first || date > (review.VisitEnd ?? first)))
        {
            modelState.AddModelError($"{prefix}.{nameof(Date)}", localizer["The meeting is on {0}, outside the visit ({1} to {2}): choose a day of the visit, or change the visit's dates first.",
                VisitInput.Date(date), VisitInput.Date(first), VisitInput.Date(review.VisitEnd ?? first)]);
        }

        if (Start is null || End is null)
        {
            modelState.AddModelError($"{prefix}.{(Start is null ? nameof(Start) : nameof(End))}", localizer["Enter the time the meeting starts and the time it ends."]);
        }
        else if (End <= Start)
        {
            modelState.AddModelError($"{prefix}.{nameof(End)}", localizer["The meeting ends at {0}, not after it starts at {1}: enter an end time later than the start.",
                End.Value.ToString("HH:mm", CultureInfo.InvariantCulture), Start.Value.ToString("HH:mm", CultureInfo.InvariantCulture)]);
        }

        if (OrganisationId is { } organisationId)
        {
            if (!organisations.Contains(organisationId))
            {
                modelState.AddModelError($"{prefix}.{nameof(OrganisationId)}", localizer["Choose an organisation from the list, or leave the list on “Another organisation” and type its name."]);
            }

            OrganisationName = null;
        }
        else if (OrganisationName is null)
        {
            modelState.AddModelError($"{prefix}.{nameof(OrganisationName)}", localizer["Choose the organisation met from the list, or type its name."]);
        }
        else if (OrganisationName.Length > CycleRules.ShortTextMaxLength)
        {
            modelState.AddModelError($"{prefix}.{nameof(OrganisationName)}", localizer["The organisation's name is too long: use at most {0} characters.", CycleRules.ShortTextMaxLength]);
        }

        Themes = [.. Themes.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal)];
        if (Themes.FirstOrDefault(t => framework.FindTheme(t) is null) is { } unknown)
        {
            modelState.AddModelError($"{prefix}.{nameof(Themes)}", localizer["'{0}' is not a theme of {1}. Tick themes from the list.", unknown, framework.Title[CultureInfo.CurrentUICulture.TwoLetterISOLanguageName]]);
        }

        if (Participants is { Length: > CycleRules.ShortTextMaxLength })
        {
            modelState.AddModelError($"{prefix}.{nameof(Participants)}", localizer["The participants' roles are too long: use at most {0} characters.", CycleRules.ShortTextMaxLength]);
        }
    }

    public void ApplyTo(VisitMeeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        meeting.Date = Date!.Value;
        meeting.Start = Start!.Value;
        meeting.End = End!.Value;
        meeting.OrganisationId = OrganisationId;
        meeting.OrganisationName = OrganisationId is null ? OrganisationName : null;
        meeting.Themes = string.Join(' ', Themes);
        meeting.Participants = Participants ?? "";
    }
}
