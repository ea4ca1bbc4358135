using MegaBench.Frameworks;
using MegaBench.Scoring;

namespace MegaBench.Matching;

/// <summary>
/// A city of the network as the matching sees it: its identity, its country (for the "across countries"
/// constraint) and its scores for the round being matched.
/// </summary>
public sealed record MatchingCity(int Id, string Name, string Country, CityScore Score);

/// <summary>The parameters of the strengths-and-gaps rule and of the learning value, by default the framework's (<see cref="For"/>).</summary>
/// <remarks>
/// <para><see cref="Margin"/>: how far, in points on the 0–100 scale, a city's figure must be from the network
/// median to count as a strength or a gap (default 15).</para>
/// <para><see cref="IndicatorWeight"/>: the weight of one indicator-level gap in the learning value, relative
/// to a theme-level gap (default 0.1: a theme gathers about ten indicators, so a theme and its indicators carry
/// similar weight).</para>
/// </remarks>
public sealed record MatchingOptions
{
    public static MatchingOptions Default { get; } = new();

    /// <summary>The framework's margin and weight (<see cref="ScoringParameters"/>): what a network analysis uses unless told otherwise.</summary>
    public static MatchingOptions For(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return new() { Margin = (double)framework.Scoring.MatchingMargin, IndicatorWeight = (double)framework.Scoring.IndicatorWeight };
    }

    public double Margin { get; init; } = 15;

    public double IndicatorWeight { get; init; } = 0.1;
}

/// <summary>Thrown when matching input is inconsistent; the message says what to change.</summary>
public sealed class MatchingInputException : Exception
{
    public MatchingInputException()
    {
    }

    public MatchingInputException(string message)
        : base(message)
    {
    }

    public MatchingInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
