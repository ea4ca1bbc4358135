namespace MegaBench.Matching;

/// <summary>
/// Where the work on a whole network is split over the cores: only on large networks, where it pays (a cold
/// <c>megabench match</c> of 1,000 cities) and happens rarely in the app (a network's scores are cached under its stamp).
/// </summary>
/// <remarks>
/// <c>Parallel.For</c> blocks its caller until the other cores are done. Under a hundred concurrent requests, each of
/// them analysing a 50-city network that way left the thread pool starved and no request answered within 10 s
/// (<c>bench/load/run.sh</c>, the signed-in profile); a small network is analysed in a few milliseconds on one thread.
/// </remarks>
public static class LargeNetwork
{
    /// <summary>Cities from which the work is split over the cores.</summary>
    public const int FromCities = 200;

    /// <summary>How work on <paramref name="cities"/> cities runs: on every core for a large network, else on the caller's thread alone.</summary>
    public static ParallelOptions Options(int cities) =>
        new() { MaxDegreeOfParallelism = cities >= FromCities ? Environment.ProcessorCount : 1 };
}
