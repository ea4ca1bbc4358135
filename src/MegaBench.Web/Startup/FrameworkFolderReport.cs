using MegaBench.Frameworks;

namespace MegaBench.Web.Startup;

/// <summary>
/// The framework files this instance could not use at start-up, with where and why (<c>file:line:column</c>):
/// the Frameworks page lists them for administrators, so that a bad file is seen without reading the log.
/// </summary>
public sealed class FrameworkFolderReport
{
    private volatile Snapshot _snapshot = new("", []);

    /// <summary>The folder read at start-up.</summary>
    public string Directory => _snapshot.Directory;

    /// <summary>Every problem, in the order of the files.</summary>
    public IReadOnlyList<FrameworkProblem> Problems => _snapshot.Problems;

    internal void Set(string directory, IReadOnlyList<FrameworkProblem> problems) => _snapshot = new(directory, problems);

    private sealed record Snapshot(string Directory, IReadOnlyList<FrameworkProblem> Problems);
}
