using System.Globalization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Calendar = Ical.Net.Calendar;

namespace MegaBench.Learning;

/// <summary>One meeting of a visit's agenda as the calendar file shows it.</summary>
/// <param name="Id">The meeting's id: its event's UID, so that importing the file again updates the events instead of doubling them.</param>
/// <param name="Organisation">The organisation met (the round's organisation's name, or the free text).</param>
/// <param name="Themes">The themes' names, in the reader's language.</param>
/// <param name="Participants">The participants' roles.</param>
public sealed record CalendarMeeting(int Id, DateOnly Date, TimeOnly Start, TimeOnly End, string Organisation, IReadOnlyList<string> Themes, string Participants);

/// <summary>A visit's agenda as an iCalendar file (RFC 5545) that calendar programs import, built with Ical.Net.</summary>
/// <remarks>
/// <para><b>Floating times.</b> Meeting times are the local times of the host city, where everyone will be
/// during the visit, and the review stores no time zone. They are written as floating local times (no TZID, no
/// "Z"): a calendar shows 09:00 at 09:00 wherever it is, which is what a visitor travelling to the host city
/// needs. Converting them to UTC would need the host's time zone, which we would have to guess.</para>
/// <para>Each event's UID is <c>meeting-{id}@megabench</c>: stable, so a second import of a changed agenda
/// updates the events. Texts are escaped by Ical.Net (commas, semicolons, backslashes and line breaks).</para>
/// </remarks>
public static class VisitCalendar
{
    public const string ContentType = "text/calendar";

    /// <summary>The UID of a meeting's event.</summary>
    public static string Uid(int meetingId) => string.Create(CultureInfo.InvariantCulture, $"meeting-{meetingId}@megabench");

    /// <param name="place">The visit's place: every event's location.</param>
    /// <param name="stamp">When the file is made (each event's DTSTAMP, in UTC).</param>
    /// <param name="summaryPrefix">The words before the organisation in each event's summary, e.g. "Peer review visit".</param>
    /// <param name="themesLabel">The label of the themes line of the description.</param>
    /// <param name="participantsLabel">The label of the participants' roles line of the description.</param>
    public static string Build(
        IEnumerable<CalendarMeeting> meetings, string? place, DateTimeOffset stamp,
        string summaryPrefix = "Peer review visit", string themesLabel = "Themes", string participantsLabel = "Participants")
    {
        ArgumentNullException.ThrowIfNull(meetings);
        var calendar = new Calendar { ProductId = "-//MegaBench//Peer review visit//EN" };
        foreach (var meeting in meetings.OrderBy(m => m.Date).ThenBy(m => m.Start).ThenBy(m => m.Id))
        {
            var description = new List<string>();
            if (meeting.Themes.Count > 0)
            {
                description.Add($"{themesLabel}: {string.Join(", ", meeting.Themes)}");
            }

            if (!string.IsNullOrWhiteSpace(meeting.Participants))
            {
                description.Add($"{participantsLabel}: {meeting.Participants}");
            }

            var calendarEvent = new CalendarEvent
            {
                Uid = Uid(meeting.Id),
                Summary = $"{summaryPrefix}: {meeting.Organisation}",
                // Floating local times of the host city (no time zone): see the remarks.
                DtStart = Floating(meeting.Date, meeting.Start),
                DtEnd = Floating(meeting.Date, meeting.End),
                DtStamp = new CalDateTime(stamp.UtcDateTime),
            };
            if (!string.IsNullOrWhiteSpace(place))
            {
                calendarEvent.Location = place;
            }

            if (description.Count > 0)
            {
                calendarEvent.Description = string.Join("\n", description);
            }

            calendar.Events.Add(calendarEvent);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalDateTime Floating(DateOnly date, TimeOnly time) =>
        new(date.Year, date.Month, date.Day, time.Hour, time.Minute, time.Second);
}
