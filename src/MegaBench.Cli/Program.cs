namespace MegaBench.Cli;

/// <summary>The <c>megabench</c> command: a thin entry point; the commands live in <see cref="MegaBenchCli"/>.</summary>
public static class Program
{
    public static int Main(string[] args) => MegaBenchCli.Run(args, CliEnvironment.FromProcess());
}
