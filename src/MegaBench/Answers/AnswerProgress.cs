using MegaBench.Frameworks;
using MegaBench.Rounds;

namespace MegaBench.Answers;

/// <summary>How many of its group's statements an organisation has answered.</summary>
/// <remarks>
/// "Answered" means yes, no or not determined: not determined is an answer ("we cannot tell"), while
/// <see cref="AnswerValue.Unanswered"/> and a missing row are not. Answers to codes outside the group
/// (which a later framework version could leave behind) are not counted.
/// </remarks>
public readonly record struct AnswerProgress(int Answered, int Statements)
{
    public static AnswerProgress Zero => default;

    public static AnswerProgress Of(StakeholderGroup? group, IEnumerable<Answer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (group is null)
        {
            return Zero;
        }

        var codes = group.Indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        var answered = answers.Count(a => a.Value != AnswerValue.Unanswered && codes.Contains(a.IndicatorCode));
        return new AnswerProgress(answered, codes.Count);
    }

    public static AnswerProgress Of(Framework framework, Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(organisation);
        return Of(framework.FindGroup(organisation.GroupCode), organisation.Answers);
    }

    public static AnswerProgress operator +(AnswerProgress left, AnswerProgress right) =>
        new(left.Answered + right.Answered, left.Statements + right.Statements);

    public AnswerProgress Add(AnswerProgress other) => this + other;

    public override string ToString() => $"{Answered} of {Statements}";
}
