namespace MegaBench.Frameworks;

/// <summary>
/// One problem found in a framework file: where it is (1-based line and column, as editors count them)
/// and a message that says what is wrong and what to do.
/// </summary>
/// <remarks>
/// Line and column are 0 when the problem concerns the whole file or folder (it cannot be read, two files
/// declare the same version); <see cref="ToString"/> then leaves the position out.
/// </remarks>
public sealed record FrameworkProblem(string File, int Line, int Column, string Message)
{
    /// <summary><c>file:line:column: message</c>, the form compilers use, so editors can jump to it.</summary>
    public override string ToString() =>
        Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}

/// <summary>A framework read from a file, with where its id is declared (for messages that cite the file).</summary>
public sealed record LoadedFramework(Framework Framework, string File, int Line, int Column);

/// <summary>The valid frameworks of a folder, and the problems of the files that are not (see <see cref="FrameworkLoader.ReadDirectory"/>).</summary>
public sealed record FrameworkFolder(IReadOnlyList<LoadedFramework> Frameworks, IReadOnlyList<FrameworkProblem> Problems);

/// <summary>
/// A framework file (or folder of files) that cannot be loaded. It carries every problem found, not just
/// the first, so that an author can fix them all in one pass; nothing of the file was loaded.
/// </summary>
public sealed class FrameworkLoadException : Exception
{
    public FrameworkLoadException(IReadOnlyList<FrameworkProblem> problems)
        : base(string.Join('\n', problems ?? throw new ArgumentNullException(nameof(problems))))
    {
        if (problems.Count == 0)
        {
            throw new ArgumentException("A load failure lists at least one problem.", nameof(problems));
        }

        Problems = problems;
    }

    /// <summary>Every problem, in the order of the files and then of the lines.</summary>
    public IReadOnlyList<FrameworkProblem> Problems { get; }
}
