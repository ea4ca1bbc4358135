using MegaBench.Answers;
using MegaBench.Frameworks;

namespace MegaBench.Benchmarks;

/// <summary>
/// How the organisations of one synthetic city answer: a city profile drawn from the seed, and the answers of each
/// organisation drawn from that profile. Used by the database generator and by the in-memory scoring measurement,
/// so that both see the same data for the same seed.
/// </summary>
/// <remarks>
/// <para>Cities differ the way real ones do: a <b>maturity</b> (the chance that a basic statement is met, from 0.25
/// to 0.95), lower on later stages (−0.15 per stage), shifted per theme by up to ±0.2 (a city strong on finance and
/// weak on procurement); a share of <b>not determined</b> answers from 2 % to 15 %; and a <b>response rate</b>.</para>
/// <para>Organisations: 6 % have not started (no answer at all), 20 % have answered part of their statements (30 % to
/// 90 %), the rest all of them. One answer in ten carries a comment, a quarter of those starting with "=" (the
/// formula-neutralisation path of the exports).</para>
/// </remarks>
public sealed class AnswerMix
{
    private readonly Random _random;
    private readonly double _maturity;
    private readonly double _notDetermined;
    private readonly Dictionary<string, double> _themeShift;

    public AnswerMix(Framework framework, Random random)
    {
        ArgumentNullException.ThrowIfNull(framework);
        _random = random;
        _maturity = 0.25 + (random.NextDouble() * 0.70);
        _notDetermined = 0.02 + (random.NextDouble() * 0.13);
        _themeShift = framework.Themes.ToDictionary(t => t.Code, _ => (random.NextDouble() - 0.5) * 0.4, StringComparer.Ordinal);
    }

    /// <summary>One organisation's answers to the statements of its group, in framework order; unanswered ones are left out.</summary>
    public IEnumerable<(Indicator Indicator, AnswerValue Value, string? Comment)> Answers(StakeholderGroup group)
    {
        var roll = _random.NextDouble();
        var share = roll < 0.06 ? 0.0 : roll < 0.26 ? 0.3 + (_random.NextDouble() * 0.6) : 1.0;
        foreach (var indicator in group.Indicators)
        {
            if (_random.NextDouble() >= share)
            {
                continue;
            }

            AnswerValue value;
            if (_random.NextDouble() < _notDetermined)
            {
                value = AnswerValue.NotDetermined;
            }
            else
            {
                var shift = indicator.Themes.Count == 0 ? 0 : indicator.Themes.Average(t => _themeShift.GetValueOrDefault(t));
                var p = _maturity - (0.15 * (indicator.Stage - 1)) + shift;
                value = _random.NextDouble() < p ? AnswerValue.Yes : AnswerValue.No;
            }

            string? comment = null;
            if (_random.Next(10) == 0)
            {
                comment = _random.Next(4) == 0
                    ? "=SUM(A1:A9) looks like a formula"
                    : $"Comment on {indicator.Code}, with \"quotes\", commas and a second sentence.";
            }

            yield return (indicator, value, comment);
        }
    }
}
