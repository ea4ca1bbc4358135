using MegaBench.Answers;
using MegaBench.Rounds;

namespace MegaBench.Web.Display;

/// <summary>The words the pages use for the model's enumerations.</summary>
public static class Labels
{
    /// <summary>The form's label for an answer value.</summary>
    public static string Answer(AnswerValue value) => value switch
    {
        AnswerValue.Yes => "Yes",
        AnswerValue.No => "No",
        AnswerValue.NotDetermined => "Not determined",
        _ => "Not answered",
    };

    /// <summary>The screen-reader text of a sheet cell, beside its visible mark.</summary>
    public static string SpokenAnswer(AnswerValue value) => value switch
    {
        AnswerValue.Yes => "yes",
        AnswerValue.No => "no",
        AnswerValue.NotDetermined => "not determined",
        _ => "not answered",
    };

    /// <summary>The visible mark of a sheet cell, as in the MEGA sheets; unanswered cells stay blank.</summary>
    public static string Mark(AnswerValue value) => value switch
    {
        AnswerValue.Yes => "✓",
        AnswerValue.No => "–",
        AnswerValue.NotDetermined => "n/d",
        _ => "",
    };

    public static string Status(RoundStatus status) => status switch
    {
        RoundStatus.Open => "Open",
        RoundStatus.Closed => "Closed",
        RoundStatus.Published => "Published",
        _ => status.ToString(),
    };

    public static string Kind(OrganisationKind kind) => kind switch
    {
        OrganisationKind.BusinessAssociation => "Business association",
        OrganisationKind.MigrantAssociation => "Migrant association",
        _ => kind.ToString(),
    };

    /// <summary>The possessive used in sheet titles: "Paris’s assessment sheet".</summary>
    public static string Possessive(string name) => name + "’s";
}
