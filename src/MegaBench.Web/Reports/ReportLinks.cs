namespace MegaBench.Web.Reports;

/// <summary>The navigation between a round's report pages; <paramref name="Current"/> is the page being shown.</summary>
/// <remarks>The link texts are English, keys of SharedResource: the partial <c>_ReportLinks</c> translates them.</remarks>
public sealed record ReportLinks(int RoundId, int NetworkId, string Current)
{
    public IEnumerable<(string Key, string Href, string Text)> Links =>
    [
        ("round", $"/rounds/{RoundId}", "Round"),
        ("profile", $"/rounds/{RoundId}/profile", "City profile"),
        ("ecosystem", $"/rounds/{RoundId}/ecosystem", "Ecosystem map"),
        ("methodology", $"/rounds/{RoundId}/methodology", "Methodology"),
        ("overview", $"/networks/{NetworkId}/overview", "Network overview"),
        ("matching", $"/networks/{NetworkId}/matching", "Matching"),
    ];
}
