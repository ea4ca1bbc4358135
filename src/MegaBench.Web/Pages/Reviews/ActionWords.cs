using MegaBench.Learning;

namespace MegaBench.Web.Pages.Reviews;

/// <summary>The follow-up table's cell styles (the words are <c>Display/Labels</c>'s).</summary>
public static class ActionWords
{
    /// <summary>The CSS class of a move's cell.</summary>
    public static string MoveClass(StatementMove move) => move switch
    {
        StatementMove.NewlyMet => "move-newly-met",
        StatementMove.Lost => "move-lost",
        _ => "move-unchanged",
    };
}
