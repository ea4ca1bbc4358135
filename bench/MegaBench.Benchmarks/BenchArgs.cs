using MegaBench.Data;

namespace MegaBench.Benchmarks;

/// <summary>The command line of the benchmark tools: <c>--name value</c> options, and the SQLite file they work on.</summary>
internal static class BenchArgs
{
    /// <summary>The value after <paramref name="name"/>, or <paramref name="fallback"/> when the option is absent.</summary>
    public static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    public static DatabaseOptions Sqlite(string file) =>
        new() { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={file}" };
}
