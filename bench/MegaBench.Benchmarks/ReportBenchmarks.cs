using BenchmarkDotNet.Attributes;
using MegaBench.Frameworks;
using MegaBench.Reports;
using MegaBench.Rounds;

namespace MegaBench.Benchmarks;

/// <summary>
/// One city round of MEGA 2018 with 8 organisations per group (32 columns over four sheets), in memory: building
/// the sheets and scores (<see cref="RoundReport.Build"/>), one sheet alone (<see cref="AssessmentSheet.Build"/>),
/// the printable HTML report (<see cref="RoundHtml"/>, what the PDF prints), and the CSV and XLSX exports.
/// The database and HTTP parts are measured by the load test (bench/load).
/// </summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private Framework _framework = null!;
    private Round _round = null!;
    private RoundReport _report = null!;

    [GlobalSetup]
    public void Setup()
    {
        _framework = InMemoryNetwork.MegaFramework;
        _round = InMemoryNetwork.Round(_framework, perGroup: 8, seed: 2018);
        _report = RoundReport.Build(_round, _framework);
    }

    [Benchmark]
    public AssessmentSheet BuildOneSheet() =>
        AssessmentSheet.Build(_framework, _framework.Groups[0], [.. _round.Organisations.Where(o => o.GroupCode == _framework.Groups[0].Code)]);

    [Benchmark]
    public RoundReport BuildReport() => RoundReport.Build(_round, _framework);

    [Benchmark]
    public int RenderHtml() => RoundHtml.Render(_report).Length;

    [Benchmark]
    public async Task<long> ExportCsv()
    {
        using var output = new MemoryStream();
        await RoundCsv.WriteAsync(_report, output, CancellationToken.None);
        return output.Length;
    }

    [Benchmark]
    public async Task<long> ExportXlsx()
    {
        using var output = new MemoryStream();
        await RoundXlsx.WriteAsync(_report, output, CancellationToken.None);
        return output.Length;
    }
}
