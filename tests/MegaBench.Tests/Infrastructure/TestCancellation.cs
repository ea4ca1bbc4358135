namespace MegaBench.Tests.Infrastructure;

/// <summary>
/// The running test's cancellation token, as <c>Ct</c> in every test file (a global static using in
/// MegaBench.Tests.csproj): xunit cancels it when the run is stopped or the test times out.
/// </summary>
public static class TestCancellation
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;
}
