namespace MegaBench;

/// <summary>
/// How far a long piece of work has come, for a caller that shows it (the command line's progress bar).
/// </summary>
/// <param name="Stage">What is being done, a short English phrase ("Importing rounds").</param>
/// <param name="Done">How much of it is done, in <paramref name="Unit"/>.</param>
/// <param name="Total">How much there is in all; null when not known in advance.</param>
/// <param name="Unit">What is counted: "rounds", "bytes".</param>
public sealed record WorkProgress(string Stage, long Done, long? Total, string Unit);
