using System.Globalization;
using System.Text;

namespace MegaBench.Learning;

/// <summary>A theme of the draft: its name in the draft's language, the host's score and the network median (0–100), when known.</summary>
public sealed record DraftTheme(string Code, string Name, double? Host, double? NetworkMedian);

/// <summary>A practice of the reviewing city.</summary>
public sealed record DraftPractice(string Title, string? Organisation, string? Link, IReadOnlyList<string> ThemeNames);

/// <summary>A desk-review topic with its thread.</summary>
public sealed record DraftTopic(string Title, IReadOnlyList<DraftMessage> Messages);

public sealed record DraftMessage(ReviewSide Side, string Text);

/// <summary>A meeting of the visit, with the reviewer's notes.</summary>
public sealed record DraftMeeting(DateOnly Date, TimeOnly Start, string Organisation, IReadOnlyList<string> ThemeNames, string Notes);

/// <summary>Everything the draft is made of, loaded by the caller.</summary>
/// <param name="Language">"fr" for a French draft; any other value gives English.</param>
/// <param name="Strengths">The host's strengths against the network, largest lead first.</param>
/// <param name="Gaps">The gap themes the report recommends on: the review's gap themes from the matching, then the host's other gaps.</param>
public sealed record FeedbackDraftInput(
    string Host,
    string Reviewer,
    string Language,
    IReadOnlyList<DraftTheme> Strengths,
    IReadOnlyList<DraftTheme> Gaps,
    IReadOnlyList<DraftPractice> Practices,
    IReadOnlyList<DraftTopic> Topics,
    IReadOnlyList<DraftMeeting> Meetings);

/// <summary>
/// The first draft of a feedback report, in Markdown, from the evidence of the review: the host's strengths and
/// gaps, the reviewing city's practices on the gap themes, the desk review's threads and the visit notes,
/// ending with "Recommendations", one bullet per gap theme for the reviewer to write.
/// </summary>
/// <remarks>
/// A pure function of its input, so that it is tested without a database. Texts typed by people (messages,
/// notes) are Markdown already and are quoted as they are (each line behind "&gt; "); the page renders the
/// whole report through the one sanitising Markdown renderer, so nothing typed here can inject HTML.
/// </remarks>
public static class FeedbackDraft
{
    public static string Write(FeedbackDraftInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var fr = input.Language == "fr";
        var culture = CultureInfo.GetCultureInfo(fr ? "fr-FR" : "en-GB");
        string Say(string en, string french) => fr ? french : en;
        var colon = fr ? "\u00a0:" : ":";
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        void Heading(string text)
        {
            if (md.Length > 0)
            {
                Line();
            }

            Line("## " + text);
            Line();
        }

        string Figures(DraftTheme theme) => (theme.Host, theme.NetworkMedian) switch
        {
            ({ } host, { } median) => Say(
                string.Create(culture, $"{host:0} against a network median of {median:0}"),
                string.Create(culture, $"{host:0} pour une médiane du réseau de {median:0}")),
            ({ } host, null) => Say(string.Create(culture, $"score {host:0}"), string.Create(culture, $"score {host:0}")),
            _ => Say("no figure", "pas de chiffre"),
        };

        Heading(Say("Strengths", "Points forts"));
        if (input.Strengths.Count == 0)
        {
            Line(Say($"The benchmark shows no theme where {input.Host} clearly leads the network.", $"Le benchmark ne montre aucun thème où {input.Host} devance nettement le réseau."));
        }

        foreach (var theme in input.Strengths)
        {
            Line($"- {theme.Name}{colon} {Figures(theme)}.");
        }

        Heading(Say("Gaps", "Écarts"));
        if (input.Gaps.Count == 0)
        {
            Line(Say($"The benchmark shows no theme where {input.Host} clearly trails the network.", $"Le benchmark ne montre aucun thème où {input.Host} est nettement en retrait du réseau."));
        }

        foreach (var theme in input.Gaps)
        {
            Line($"- {theme.Name}{colon} {Figures(theme)}.");
        }

        Heading(Say($"Practices of {input.Reviewer} on these themes", $"Pratiques de {input.Reviewer} sur ces thèmes"));
        if (input.Practices.Count == 0)
        {
            Line(Say($"{input.Reviewer} has recorded no practice on these themes in the practice library.", $"{input.Reviewer} n’a enregistré aucune pratique sur ces thèmes dans la bibliothèque de pratiques."));
        }

        foreach (var practice in input.Practices)
        {
            var title = practice.Link is { } link && Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? $"[{practice.Title}]({uri.AbsoluteUri})"
                : practice.Title;
            var organisation = string.IsNullOrWhiteSpace(practice.Organisation) ? "" : $" ({practice.Organisation})";
            var themes = practice.ThemeNames.Count == 0 ? "" : $" – {string.Join(", ", practice.ThemeNames)}";
            Line($"- {title}{organisation}{themes}");
        }

        Heading(Say("Desk review", "Revue documentaire"));
        var topics = input.Topics.Where(t => t.Messages.Count > 0).ToList();
        if (topics.Count == 0)
        {
            Line(Say("No question was exchanged during the desk review.", "Aucune question n’a été échangée pendant la revue documentaire."));
        }

        foreach (var topic in topics)
        {
            Line("### " + topic.Title);
            Line();
            foreach (var message in topic.Messages)
            {
                var who = message.Side == ReviewSide.Reviewer ? input.Reviewer : input.Host;
                Line($"> **{who}{colon}**");
                Line(">");
                foreach (var text in message.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
                {
                    Line(text.Length == 0 ? ">" : "> " + text);
                }

                Line();
            }
        }

        Heading(Say("Visit", "Visite"));
        var meetings = input.Meetings.OrderBy(m => m.Date).ThenBy(m => m.Start).ToList();
        if (meetings.Count == 0)
        {
            Line(Say("No meeting is on the visit's agenda.", "Aucune réunion n’est à l’agenda de la visite."));
        }

        foreach (var meeting in meetings)
        {
            var themes = meeting.ThemeNames.Count == 0 ? "" : $" ({string.Join(", ", meeting.ThemeNames)})";
            Line($"### {meeting.Date.ToString("d MMMM yyyy", culture)}, {meeting.Start.ToString("HH:mm", CultureInfo.InvariantCulture)} – {meeting.Organisation}{themes}");
            Line();
            Line(string.IsNullOrWhiteSpace(meeting.Notes) ? Say("_No notes._", "_Pas de notes._") : meeting.Notes.Trim());
            Line();
        }

        Heading(Say("Recommendations", "Recommandations"));
        if (input.Gaps.Count == 0)
        {
            Line(Say("- (Write a recommendation.)", "- (Écrire une recommandation.)"));
        }

        foreach (var theme in input.Gaps)
        {
            Line(Say($"- {theme.Name}: (write the recommendation for this theme)", $"- {theme.Name}\u00a0: (écrire la recommandation pour ce thème)"));
        }

        return md.ToString().TrimEnd('\n') + "\n";
    }
}
