namespace MegaBench.Frameworks;

/// <summary>
/// Reads framework files (the YAML format described in <c>frameworks/README.md</c>) and validates them.
/// </summary>
/// <remarks>
/// Validation is all-or-nothing: every problem of every file is collected, each with its file, line and
/// column, and then a single <see cref="FrameworkLoadException"/> lists them all. A caller therefore either
/// gets complete, valid frameworks or nothing at all; it never sees a framework loaded half-way. One file is read
/// by <see cref="FrameworkReader"/>.
/// </remarks>
public static class FrameworkLoader
{
    /// <summary>The extension <see cref="LoadDirectory"/> looks for.</summary>
    public const string FileExtension = ".yaml";

    /// <summary>
    /// The deepest nesting of mappings and sequences a framework file may have (MEGA's file has 6 levels). Reading a
    /// YAML tree recurses once per level, so a file nested thousands deep would overflow the stack and take the app
    /// down at start-up; it is refused first, by a scan that does not recurse.
    /// </summary>
    public const int MaxNesting = 64;

    /// <exception cref="FrameworkLoadException">The file cannot be read or is not a valid framework.</exception>
    public static Framework LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var yaml = ReadFile(path, out var problem);
        return yaml is null ? throw new FrameworkLoadException([problem!]) : LoadYaml(yaml, path);
    }

    /// <param name="yaml">The content of a framework file.</param>
    /// <param name="sourceName">The file name that messages cite (the path, or a name such as "upload.yaml").</param>
    /// <exception cref="FrameworkLoadException">The text is not a valid framework.</exception>
    public static Framework LoadYaml(string yaml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        var reader = new FrameworkReader(sourceName);
        var framework = reader.Read(yaml);
        return framework is not null && reader.Problems.Count == 0
            ? framework
            : throw new FrameworkLoadException(reader.SortedProblems());
    }

    /// <summary>
    /// Loads every <c>*.yaml</c> file of <paramref name="directory"/> (not its subfolders), in ordinal order
    /// of the file names. Two files that declare the same id and version are an error, because a version
    /// must mean one thing only.
    /// </summary>
    /// <exception cref="FrameworkLoadException">A file is invalid or a version is declared twice.</exception>
    public static IReadOnlyList<Framework> LoadDirectory(string directory)
    {
        var folder = ReadDirectory(directory);
        return folder.Problems.Count == 0 ? [.. folder.Frameworks.Select(f => f.Framework)] : throw new FrameworkLoadException(folder.Problems);
    }

    /// <summary>
    /// Reads the folder as <see cref="LoadDirectory"/> does, but keeps going: the valid files are returned with the
    /// problems of the others, so that one bad file never stops the app from serving the rest. A file whose
    /// id and version another file already declared is a problem, and the first file stands.
    /// </summary>
    public static FrameworkFolder ReadDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!Directory.Exists(directory))
        {
            return new FrameworkFolder([], [new FrameworkProblem(directory, 0, 0, "the folder does not exist; check the path of the folder that holds the framework *.yaml files")]);
        }

        var paths = Directory.EnumerateFiles(directory, "*" + FileExtension, SearchOption.TopDirectoryOnly)
            .Where(p => p.EndsWith(FileExtension, StringComparison.Ordinal))
            .OrderBy(p => Path.GetFileName(p), StringComparer.Ordinal);

        var problems = new List<FrameworkProblem>();
        var frameworks = new List<LoadedFramework>();
        var declaredIn = new Dictionary<(string Id, string Version), (string File, int Line)>();
        foreach (var path in paths)
        {
            var yaml = ReadFile(path, out var problem);
            if (yaml is null)
            {
                problems.Add(problem!);
                continue;
            }

            var reader = new FrameworkReader(path);
            Framework? framework;
            try
            {
                framework = reader.Read(yaml);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A reader fault on one file must not stop the others from loading; the message says which file.
                problems.Add(new FrameworkProblem(path, 0, 0, $"the file cannot be read as a framework ({e.Message})"));
                continue;
            }

            if (framework is null || reader.Problems.Count > 0)
            {
                problems.AddRange(reader.SortedProblems());
                continue;
            }

            var (line, column) = reader.IdPosition;
            if (declaredIn.TryGetValue((framework.Id, framework.Version), out var first))
            {
                problems.Add(new FrameworkProblem(
                    path,
                    line,
                    column,
                    $"framework '{framework.Id}' version '{framework.Version}' is already defined in {first.File}:{first.Line}; " +
                    "give the edited framework a new version number, or remove one of the two files"));
                continue;
            }

            declaredIn.Add((framework.Id, framework.Version), (path, line));
            frameworks.Add(new LoadedFramework(framework, path, line, column));
        }

        return new FrameworkFolder(frameworks, problems);
    }

    private static string? ReadFile(string path, out FrameworkProblem? problem)
    {
        try
        {
            problem = null;
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = new FrameworkProblem(path, 0, 0, $"the file cannot be read ({e.Message}); check the path and that you may read the file");
            return null;
        }
    }
}
