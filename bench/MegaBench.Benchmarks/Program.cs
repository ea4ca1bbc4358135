using BenchmarkDotNet.Running;

namespace MegaBench.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>dotnet run -c Release --project bench/MegaBench.Benchmarks -- --filter '*Matching*'</c>;
    /// <c>-- --quick</c> times each step once with a stopwatch, as a smoke check without BenchmarkDotNet;
    /// <c>-- --generate-rounds FILE</c> writes the synthetic network of the export benchmark (see <see cref="SyntheticRounds"/>).
    /// </summary>
    public static void Main(string[] args)
    {
        if (args.Contains("--generate-rounds"))
        {
            SyntheticRounds.RunAsync(args).GetAwaiter().GetResult();
            return;
        }

        if (args.Contains("--quick"))
        {
            Quick.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
