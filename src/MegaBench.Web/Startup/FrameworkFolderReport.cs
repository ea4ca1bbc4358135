using MegaBench.Frameworks;

namespace MegaBench.Web.Startup;

/// <summary>
/// The framework files this instance could not use at start-up, with where and why (<c>file:line:column</c>):
/// the Frameworks page lists them for administrators, so that a bad file is seen without reading the log.
/// </summary>
public sealed class FrameworkFolderReport
{
    private volatile IReadOnlyList<FrameworkProblem> _problems = [];

    /// <summary>Every problem, in the order of the files.</summary>
    public IReadOnlyList<FrameworkProblem> Problems => _problems;

    internal void Set(IReadOnlyList<FrameworkProblem> problems) => _problems = problems;
}
