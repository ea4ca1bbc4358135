using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MegaBench.Answers;
using MegaBench.Data;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Benchmarks;

/// <summary>
/// The crash test: respondents autosave through their links while the server is killed with SIGKILL at a random
/// moment; after a restart, every save the server acknowledged must be in the database exactly as acknowledged.
/// </summary>
/// <remarks>
/// <para><c>-- --crash-test --web WEB.dll --links FILE --provider sqlite|postgresql --connection-string CS
/// [--iterations 100] [--clients 32] [--seed 1]</c>; bench/crash/run.sh prepares the database and the links.</para>
/// <para>Each client owns one link (so one organisation) and is the only writer of its statements: it knows each
/// statement's version, sends it as the expected version, and records every acknowledged save (code, version,
/// value, comment). A save in flight when the server dies may or may not have been committed; it was not
/// acknowledged, so either outcome is correct. After the restart, for every statement: the stored answer must be
/// the last acknowledged one, or, if a save was in flight, that save (one version later). Anything else — an
/// older version, other content, a missing row — is a lost or altered answer. Any answer other than 200 while the
/// server is up (a conflict, a refusal, a 500) is an error too. Exit code 1 on any of them.</para>
/// </remarks>
internal static class CrashTest
{
    private sealed record Link(string Token, int OrganisationId, string[] Codes);

    private sealed record Save(string Code, int Version, AnswerValue Value, string? Comment);

    public static async Task<int> RunAsync(string[] args)
    {
        string Option(string name, string fallback) => BenchArgs.Option(args, name, fallback);

        var web = Path.GetFullPath(Option("--web", "bench/.build/web/MegaBench.Web.dll"));
        var repo = Path.GetFullPath(Option("--repo", "."));
        var postgres = string.Equals(Option("--provider", "sqlite"), "postgresql", StringComparison.OrdinalIgnoreCase);
        var connection = Option("--connection-string", "");
        var iterations = int.Parse(Option("--iterations", "100"), CultureInfo.InvariantCulture);
        var clientCount = int.Parse(Option("--clients", "32"), CultureInfo.InvariantCulture);
        var random = new Random(int.Parse(Option("--seed", "1"), CultureInfo.InvariantCulture));
        var links = File.ReadAllLines(Option("--links", "links.txt"))
            .Where(l => l.Length > 0)
            .Select(l => l.Split(' '))
            .Select(p => new Link(p[0], int.Parse(p[1], CultureInfo.InvariantCulture), [.. p[3].Split(',').Select(c => c.Split(':')[0])]))
            .Take(clientCount)
            .ToList();
        var options = new DatabaseOptions
        {
            Provider = postgres ? DatabaseProvider.PostgreSql : DatabaseProvider.Sqlite,
            ConnectionString = connection,
        };

        var server = new Server(web, repo, options);
        long acknowledged = 0, lost = 0, errors = 0, inFlightCommitted = 0;
        var total = Stopwatch.StartNew();
        try
        {
            for (var iteration = 1; iteration <= iterations; iteration++)
            {
                await server.StartAsync();
                var known = await ReadAsync(options, links);
                var acked = new ConcurrentDictionary<(int, string), Save>();
                var pending = new ConcurrentDictionary<(int, string), Save>();
                var iterationErrors = new ConcurrentBag<string>();
                using var stop = new CancellationTokenSource();
                var killAfter = TimeSpan.FromMilliseconds(100 + random.Next(1900));
                var clients = links.Select((link, i) => Task.Run(() => ClientAsync(
                    server.BaseAddress, link, known, acked, pending, iterationErrors, new Random(iteration * 1000 + i), iteration, stop.Token))).ToList();

                // The kill comes at a random moment once saves are flowing (the first ones wait for the JIT).
                var waiting = Stopwatch.StartNew();
                while (acked.IsEmpty && waiting.Elapsed < TimeSpan.FromSeconds(30) && !clients.All(c => c.IsCompleted))
                {
                    await Task.Delay(10);
                }

                if (acked.IsEmpty)
                {
                    iterationErrors.Add("no save was acknowledged within 30 s of the start");
                }

                await Task.Delay(killAfter);
                server.Kill();
                await stop.CancelAsync();
                await Task.WhenAll(clients);

                await server.StartAsync();
                var stored = await ReadAsync(options, links);
                var iterationLost = 0;
                foreach (var ((organisation, code), save) in acked)
                {
                    var found = stored.GetValueOrDefault((organisation, code));
                    var matchesAck = found is not null && found.Version == save.Version && found.Value == save.Value && found.Comment == save.Comment;
                    var matchesPending = pending.TryGetValue((organisation, code), out var inFlight) && found is not null
                        && found.Version == inFlight.Version && found.Value == inFlight.Value && found.Comment == inFlight.Comment;
                    if (matchesPending)
                    {
                        inFlightCommitted++;
                    }

                    if (!matchesAck && !matchesPending)
                    {
                        iterationLost++;
                        Console.WriteLine($"LOST organisation {organisation} {code}: acknowledged v{save.Version} {save.Value} \"{save.Comment}\", stored {(found is null ? "nothing" : $"v{found.Version} {found.Value} \"{found.Comment}\"")}");
                    }
                }

                acknowledged += acked.Count;
                lost += iterationLost;
                errors += iterationErrors.Count;
                foreach (var error in iterationErrors.Take(5))
                {
                    Console.WriteLine($"ERROR {error}");
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"iteration {iteration}: killed {killAfter.TotalMilliseconds:F0} ms after the first acknowledged save, {acked.Count} statements with acknowledged saves, {pending.Count} in flight, {iterationLost} lost, {iterationErrors.Count} errors"));

                // The restarted server serves the next iteration.
            }
        }
        finally
        {
            server.Stop();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"crash test ({(postgres ? "PostgreSQL" : "SQLite")}): {iterations} kills in {total.Elapsed.TotalSeconds:F0} s, {acknowledged} statements checked, {inFlightCommitted} unacknowledged saves found committed, {lost} lost or altered, {errors} errors"));
        return lost == 0 && errors == 0 ? 0 : 1;
    }

    /// <summary>One respondent: saves its statements one after the other until the server dies.</summary>
    private static async Task ClientAsync(
        Uri baseAddress, Link link, Dictionary<(int, string), Save> known,
        ConcurrentDictionary<(int, string), Save> acked, ConcurrentDictionary<(int, string), Save> pending,
        ConcurrentBag<string> errors, Random random, int iteration, CancellationToken stop)
    {
        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var code in link.Codes)
        {
            versions[code] = known.GetValueOrDefault((link.OrganisationId, code))?.Version ?? 0;
        }

        // Writes under /api need the antiforgery pair: the cookie (kept by the handler) and this header.
        try
        {
            using var antiforgery = await client.GetAsync(new Uri("/api/antiforgery", UriKind.Relative), CancellationToken.None);
            antiforgery.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await antiforgery.Content.ReadAsStringAsync(CancellationToken.None));
            client.DefaultRequestHeaders.Add(json.RootElement.GetProperty("headerName").GetString()!, json.RootElement.GetProperty("token").GetString());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return;
        }

        var sequence = 0;
        while (!stop.IsCancellationRequested)
        {
            var code = link.Codes[random.Next(link.Codes.Length)];
            var value = (AnswerValue)(1 + random.Next(3));
            // Every save changes the comment, so that every acknowledged save is a new version.
            var comment = $"crash {iteration}.{++sequence} {Guid.NewGuid():N}";
            var save = new Save(code, versions[code] + 1, value, comment);
            pending[(link.OrganisationId, code)] = save;
            HttpResponseMessage response;
            try
            {
                response = await Autosave.PutAsync(client, link.Token, code, value, comment, versions[code], CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // The server died with this save in flight: it may or may not have been committed.
                return;
            }

            using (response)
            {
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    if (!stop.IsCancellationRequested)
                    {
                        errors.Add($"organisation {link.OrganisationId} {code}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                    }

                    return;
                }

                var version = await Autosave.VersionAsync(response);
                if (version != save.Version)
                {
                    errors.Add($"organisation {link.OrganisationId} {code}: acknowledged version {version}, expected {save.Version}");
                    return;
                }

                versions[code] = version;
                acked[(link.OrganisationId, code)] = save;
                pending.TryRemove((link.OrganisationId, code), out _);
            }
        }
    }

    private static async Task<Dictionary<(int, string), Save>> ReadAsync(DatabaseOptions options, IReadOnlyList<Link> links)
    {
        var ids = links.Select(l => l.OrganisationId).ToList();
        await using var db = DatabaseServiceCollectionExtensions.CreateContext(options);
        return await db.Answers.AsNoTracking()
            .Where(a => ids.Contains(a.OrganisationId))
            .ToDictionaryAsync(a => (a.OrganisationId, a.IndicatorCode), a => new Save(a.IndicatorCode, a.Version, a.Value, a.Comment));
    }

    /// <summary>The app as a child process on a free loopback port.</summary>
    private sealed class Server(string webDll, string repo, DatabaseOptions database)
    {
        private Process? _process;

        public Uri BaseAddress { get; private set; } = new("http://127.0.0.1:1");

        public async Task StartAsync()
        {
            if (_process is { HasExited: false })
            {
                return;
            }

            var port = FreePort();
            BaseAddress = new Uri($"http://127.0.0.1:{port}");
            var start = new ProcessStartInfo("dotnet", [webDll])
            {
                WorkingDirectory = Path.GetDirectoryName(webDll)!,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString();
            start.Environment["Database__Provider"] = database.Provider.ToString();
            start.Environment["Database__ConnectionString"] = database.ConnectionString;
            start.Environment["Demo__LoadOnStartup"] = "false";
            start.Environment["Frameworks__Directory"] = Path.Combine(repo, "frameworks");
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            _output.Clear();
            _process = Process.Start(start)!;
            _process.OutputDataReceived += (_, e) => Log(e.Data);
            _process.ErrorDataReceived += (_, e) => Log(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var watch = Stopwatch.StartNew();
            while (true)
            {
                if (_process.HasExited)
                {
                    PrintOutput();
                    throw new InvalidOperationException($"The app exited during start-up with code {_process.ExitCode} (its output is above).");
                }

                try
                {
                    using var health = await probe.GetAsync(new Uri(BaseAddress, "/health"));
                    if (health.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }

                if (watch.Elapsed > TimeSpan.FromSeconds(60))
                {
                    PrintOutput();
                    throw new InvalidOperationException("The app did not answer /health within 60 s.");
                }

                await Task.Delay(50);
            }
        }

        /// <summary>SIGKILL: no shutdown, no flush, as a power cut or the OOM killer would stop it.</summary>
        public void Kill()
        {
            _process?.Kill(entireProcessTree: false);
            _process?.WaitForExit();
        }

        public void Stop()
        {
            if (_process is { HasExited: false })
            {
                Kill();
            }

            _process?.Dispose();
            _process = null;
        }

        /// <summary>The app's last lines, printed when it fails to start.</summary>
        private readonly ConcurrentQueue<string> _output = new();

        private void Log(string? line)
        {
            if (!string.IsNullOrEmpty(line))
            {
                _output.Enqueue(line);
                while (_output.Count > 40 && _output.TryDequeue(out _))
                {
                }
            }
        }

        private void PrintOutput()
        {
            foreach (var line in _output)
            {
                Console.WriteLine($"  app: {line}");
            }
        }

        private static int FreePort()
        {
            using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}

/// <summary>The questionnaire's autosave request, as a link holder's browser sends it.</summary>
internal static class Autosave
{
    public static async Task<HttpResponseMessage> PutAsync(HttpClient client, string token, string code, AnswerValue value, string? comment, int expectedVersion, CancellationToken cancellationToken)
    {
        var body = new { value = RoundValue(value), comment, evidence = (string?)null, expectedVersion };
        return await client.PutAsJsonAsync(new Uri($"/api/q/{token}/answers/{code}", UriKind.Relative), body, cancellationToken);
    }

    public static async Task<int> VersionAsync(HttpResponseMessage response)
    {
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return json.RootElement.TryGetProperty("version", out var version) ? version.GetInt32() : -1;
    }

    private static string RoundValue(AnswerValue value) => value switch
    {
        AnswerValue.Yes => "yes",
        AnswerValue.No => "no",
        AnswerValue.NotDetermined => "notDetermined",
        _ => "unanswered",
    };
}
