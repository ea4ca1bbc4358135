using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MegaBench.Frameworks;

/// <summary>
/// The problems of one framework file, each at its line and column (1-based, as editors count them), and the
/// "did you mean" suggestion that messages about a misspelt key or code carry.
/// </summary>
internal sealed class FrameworkProblems(string file)
{
    public List<FrameworkProblem> Items { get; } = [];

    /// <summary>The problems in the order of the file.</summary>
    public List<FrameworkProblem> Sorted() =>
        [.. Items.OrderBy(p => p.Line).ThenBy(p => p.Column)];

    public void Report(int line, int column, string message) => Items.Add(new FrameworkProblem(file, line, column, message));

    public void Report(YamlNode node, string message) => Report(node.Start, message);

    public void Report(Mark mark, string message)
    {
        var (line, column) = Position(mark);
        Report(line, column, message);
    }

    public static (int Line, int Column) Position(Mark mark) =>
        ((int)Math.Min(mark.Line, int.MaxValue), (int)Math.Min(mark.Column, int.MaxValue));

    public static int Line(YamlNode node) => Position(node.Start).Line;

    /// <summary>"did you mean 'x'? " when a known word is within a typo's distance of <paramref name="word"/>.</summary>
    public static string Suggest(string word, IEnumerable<string> known)
    {
        var best = known
            .Select(k => (Known: k, Distance: EditDistance(word.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(x => x.Distance <= Math.Max(1, x.Known.Length / 3))
            .OrderBy(x => x.Distance)
            .FirstOrDefault();
        return best.Known is null ? "" : $"did you mean '{best.Known}'? ";
    }

    // Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours,
    // the four common typing slips ("titel" is one slip away from "title").
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
