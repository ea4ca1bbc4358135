using BenchmarkDotNet.Running;

namespace MegaBench.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>dotnet run -c Release --project bench/MegaBench.Benchmarks -- --filter '*Matching*'</c>;
    /// <c>-- --quick</c> times each step once with a stopwatch, as a smoke check without BenchmarkDotNet;
    /// <c>-- --generate-rounds FILE</c> or <c>-- --generate --provider postgresql --connection-string CS</c> writes a synthetic
    /// network (see <see cref="NetworkGenerator"/>); <c>-- --profile-match FILE</c> times the parts of <c>megabench match</c>
    /// (see <see cref="ProfileParts"/>); <c>-- --scale-scoring</c> times scoring 1,000 cities × 40 organisations per group.
    /// </summary>
    public static int Main(string[] args)
    {
        if (args.Contains("--generate-rounds") || args.Contains("--generate"))
        {
            return NetworkGenerator.RunAsync(args).GetAwaiter().GetResult();
        }

        if (args.Contains("--crash-test"))
        {
            return CrashTest.RunAsync(args).GetAwaiter().GetResult();
        }

        if (args.Contains("--profile-parts"))
        {
            ProfileParts.RunAsync(args).GetAwaiter().GetResult();
            return 0;
        }

        if (args.Contains("--profile-match"))
        {
            ProfileParts.MatchAsync(args).GetAwaiter().GetResult();
            return 0;
        }

        if (args.Contains("--scale-scoring"))
        {
            ScaleScoring.Run(args);
            return 0;
        }

        if (args.Contains("--quick"))
        {
            Quick.Run();
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
