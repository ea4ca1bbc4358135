using BenchmarkDotNet.Running;

namespace MegaBench.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>dotnet run -c Release --project bench/MegaBench.Benchmarks -- --filter '*Matching*'</c>;
    /// <c>-- --quick</c> times each step once with a stopwatch, as a smoke check without BenchmarkDotNet.
    /// </summary>
    public static void Main(string[] args)
    {
        if (args.Contains("--quick"))
        {
            Quick.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
