using MegaBench.Answers;

namespace MegaBench.Questionnaires;

/// <summary>
/// The words of the offline questionnaire file in one language: headings, instructions and the three choices
/// of the answer list. The web app fills one per supported language from its resources; the import accepts the
/// choices of every language, so a file downloaded in French can be uploaded from an English page.
/// </summary>
public sealed record QuestionnaireTexts(
    string Language,
    string SheetName,
    string Title,
    string Organisation,
    string Round,
    string Group,
    string Instructions,
    string Code,
    string Stage,
    string Statement,
    string Answer,
    string Comment,
    string Evidence,
    string Yes,
    string No,
    string NotDetermined,
    string ChoiceErrorTitle,
    string ChoiceErrorMessage)
{
    public static QuestionnaireTexts English { get; } = new(
        "en",
        "Questionnaire",
        "Questionnaire of {0}",
        "Organisation",
        "Round",
        "Stakeholder group",
        "Choose an answer in column D for each statement (leave it empty when not yet answered), add a comment or evidence if you wish, save the file and upload it on the questionnaires page. Do not change the codes in column A.",
        "Code",
        "Stage",
        "Statement",
        "Answer",
        "Comment",
        "Evidence (a link or a short text)",
        "Yes",
        "No",
        "Not determined",
        "Not a choice",
        "Choose Yes, No or Not determined from the list, or leave the cell empty.");

    /// <summary>The label of a choice; unanswered is an empty cell.</summary>
    public string Label(AnswerValue value) => value switch
    {
        AnswerValue.Yes => Yes,
        AnswerValue.No => No,
        AnswerValue.NotDetermined => NotDetermined,
        _ => "",
    };
}
