using MegaBench.Learning;
using MegaBench.Tests.Infrastructure;
using Calendar = Ical.Net.Calendar;

namespace MegaBench.Tests.Learning;

[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class VisitCalendarTests
{
    private static readonly DateTimeOffset Stamp = new(2025, 4, 1, 8, 30, 0, TimeSpan.Zero);

    private static CalendarMeeting Meeting(int id, string organisation = "Chamber of commerce", string participants = "director, two advisers", params string[] themes) =>
        new(id, new DateOnly(2025, 5, 12), new TimeOnly(9, 0), new TimeOnly(10, 30), organisation, themes, participants);

    [Fact]
    public void Build_one_event_per_meeting_with_stable_uids_and_floating_local_times()
    {
        var text = VisitCalendar.Build([Meeting(7, themes: ["Access to finance"]), Meeting(8, "Business school") with { Date = new DateOnly(2025, 5, 13), Start = new TimeOnly(14, 0), End = new TimeOnly(15, 0) }], "Aville, town hall", Stamp);

        var calendar = Calendar.Load(text)!;
        var events = calendar.Events.OrderBy(e => e.Uid, StringComparer.Ordinal).ToList();
        Assert.Equal(["meeting-7@megabench", "meeting-8@megabench"], events.Select(e => e.Uid));
        Assert.Equal("Peer review visit: Chamber of commerce", events[0].Summary);
        Assert.Equal("Aville, town hall", events[0].Location);
        Assert.Equal(new DateTime(2025, 5, 12, 9, 0, 0), events[0].DtStart!.Value);
        Assert.Equal(new DateTime(2025, 5, 12, 10, 30, 0), events[0].DtEnd!.Value);
        Assert.Equal(new DateTime(2025, 5, 13, 14, 0, 0), events[1].DtStart!.Value);
        // Floating local times of the host city: no time zone and no UTC "Z".
        Assert.Null(events[0].DtStart!.TzId);
        Assert.Contains("DTSTART:20250512T090000\r\n", text, StringComparison.Ordinal);
        Assert.Contains("DTSTAMP:20250401T083000Z", text, StringComparison.Ordinal);
        Assert.Equal("Themes: Access to finance\nParticipants: director, two advisers", events[0].Description);
    }

    [Fact]
    public void Build_escapes_hostile_text_so_that_it_reads_back_unchanged()
    {
        const string organisation = "Chamber, \"Finance\"; desk\nBEGIN:VEVENT";
        const string participants = "head; deputy, adviser\\intern\nEND:VCALENDAR";
        const string place = "Town hall; room 2, floor 1\nX-EVIL:1";
        var text = VisitCalendar.Build([Meeting(3, organisation, participants, "Finance; credit, loans")], place, Stamp);

        var calendar = Calendar.Load(text)!;
        var only = Assert.Single(calendar.Events);
        Assert.Equal($"Peer review visit: {organisation}", only.Summary);
        Assert.Equal(place, only.Location);
        Assert.Equal($"Themes: Finance; credit, loans\nParticipants: {participants}", only.Description);
        // The hostile line breaks stay inside their escaped values: no line of the file starts a new event or property.
        Assert.Single(text.Split("\r\n"), line => line == "BEGIN:VEVENT");
        Assert.Single(text.Split("\r\n"), line => line == "END:VCALENDAR");
        Assert.DoesNotContain(text.Split("\r\n"), line => line.StartsWith("X-EVIL", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_an_empty_agenda_gives_a_calendar_without_events()
    {
        var calendar = Calendar.Load(VisitCalendar.Build([], null, Stamp))!;

        Assert.Empty(calendar.Events);
    }
}
