using System.Text.Json.Serialization;
using MegaBench.Answers;
using MegaBench.Frameworks;

namespace MegaBench.Scoring;

/// <summary>
/// Counts of answers behind one figure, and the two ratios every figure is built from.
/// </summary>
/// <remarks>
/// <para><b>Share met</b> = yes / (yes + no). Not-determined and unanswered are left out of it: they are
/// neither evidence that a statement is met nor that it is not.</para>
/// <para><b>Coverage</b> = (yes + no) / all: how much of the figure rests on real answers. A figure whose
/// coverage is below the framework's <see cref="ScoringParameters.LowCoverage"/> is flagged as built on little data.</para>
/// </remarks>
public readonly record struct Tally(int Yes, int No, int NotDetermined, int Unanswered)
{
    public int Total => Yes + No + NotDetermined + Unanswered;

    public int Answered => Yes + No;

    /// <summary>yes / (yes + no), or null when nothing was answered yes or no.</summary>
    public double? ShareMet => Answered == 0 ? null : (double)Yes / Answered;

    /// <summary>yes / (yes + no) exactly, for comparisons; null when nothing was answered yes or no.</summary>
    [JsonIgnore]
    public Fraction? ExactShareMet => Answered == 0 ? null : new Fraction(Yes, Answered);

    /// <summary>(yes + no) / all, or null when there is nothing to answer.</summary>
    public double? Coverage => Total == 0 ? null : (double)Answered / Total;

    /// <summary>True when the share met reaches <paramref name="threshold"/> (exactly reaching it counts).</summary>
    public bool Meets(Ratio threshold) => threshold.IsMetBy(Yes, Answered);

    /// <summary>True when coverage is below <paramref name="lowCoverage"/>; an empty tally is low coverage.</summary>
    public bool IsLowCoverage(Ratio lowCoverage) => !lowCoverage.IsMetBy(Answered, Total);

    public Tally Add(AnswerValue value) => value switch
    {
        AnswerValue.Yes => this with { Yes = Yes + 1 },
        AnswerValue.No => this with { No = No + 1 },
        AnswerValue.NotDetermined => this with { NotDetermined = NotDetermined + 1 },
        _ => this with { Unanswered = Unanswered + 1 },
    };

    public static Tally operator +(Tally a, Tally b) =>
        new(a.Yes + b.Yes, a.No + b.No, a.NotDetermined + b.NotDetermined, a.Unanswered + b.Unanswered);

    public static Tally Add(Tally left, Tally right) => left + right;
}
