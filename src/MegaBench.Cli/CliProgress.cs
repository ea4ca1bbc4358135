using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace MegaBench.Cli;

/// <summary>
/// Shows how far a long command has come, always on standard error so that standard output stays the command's
/// result (JSON stays parseable). In a terminal: a progress bar with counts and time left (Spectre.Console).
/// Otherwise (a log, CI, a test): a plain line at the start of each stage, then at most one every
/// <see cref="LineInterval"/>, and one at the end. With <c>--quiet</c>: nothing.
/// </summary>
internal static class CliProgress
{
    public static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="work"/>, showing what it reports.</summary>
    public static async Task<T> RunAsync<T>(CliEnvironment environment, bool quiet, string description, Func<IProgress<WorkProgress>?, Task<T>> work)
    {
        if (quiet)
        {
            return await work(null);
        }

        if (ReferenceEquals(environment.Error, Console.Error) && !Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            var counts = new CountColumn();
            return await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), counts, new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(Markup.Escape(description), maxValue: 1);
                    var result = await work(new BarReporter(task, counts));
                    task.Value = task.MaxValue;
                    return result;
                });
        }

        var lines = new LineReporter(environment.Error, description);
        var outcome = await work(lines);
        lines.Finish();
        return outcome;
    }

    /// <summary>"1,234 of 5,678 rounds", or "12.3 of 45.6 MB" for bytes.</summary>
    internal static string Count(WorkProgress p)
    {
        if (p.Unit == "bytes")
        {
            return p.Total is { } total
                ? string.Create(CultureInfo.InvariantCulture, $"{p.Done / 1e6:0.0} of {total / 1e6:0.0} MB")
                : string.Create(CultureInfo.InvariantCulture, $"{p.Done / 1e6:0.0} MB");
        }

        return p.Total is { } all
            ? string.Create(CultureInfo.InvariantCulture, $"{p.Done:N0} of {all:N0} {p.Unit}")
            : string.Create(CultureInfo.InvariantCulture, $"{p.Done:N0} {p.Unit}");
    }

    private sealed class BarReporter(ProgressTask task, CountColumn counts) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value)
        {
            task.Description = Markup.Escape(value.Stage);
            if (value.Total is { } total && total > 0)
            {
                task.MaxValue = total;
                task.Value = Math.Min(value.Done, total);
            }
            else
            {
                task.IsIndeterminate = true;
            }

            counts.Text = Count(value);
        }
    }

    /// <summary>The counts as the reporter last said them, beside the bar (one task per bar).</summary>
    private sealed class CountColumn : ProgressColumn
    {
        private volatile string _text = "";

        public string Text { get => _text; set => _text = value; }

        public override Spectre.Console.Rendering.IRenderable Render(Spectre.Console.Rendering.RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(_text);
    }

    private sealed class LineReporter(TextWriter error, string description) : IProgress<WorkProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Lock _gate = new();
        private TimeSpan? _lastLine;
        private WorkProgress? _last;
        private bool _lastWritten;

        public void Report(WorkProgress value)
        {
            lock (_gate)
            {
                var newStage = _last?.Stage != value.Stage;
                _last = value;
                _lastWritten = false;
                if (!newStage && _lastLine is { } last && _clock.Elapsed - last < LineInterval)
                {
                    return;
                }

                Write(value);
            }
        }

        public void Finish()
        {
            lock (_gate)
            {
                if (_last is { } last && !_lastWritten)
                {
                    Write(last);
                }
            }
        }

        private void Write(WorkProgress value)
        {
            var elapsed = _clock.Elapsed;
            var line = $"{description}: {value.Stage}, {Count(value)}";
            if (value.Total is { } total && total > 0)
            {
                var share = Math.Min(1.0, (double)value.Done / total);
                line += string.Create(CultureInfo.InvariantCulture, $" ({share:P0}), {Clock(elapsed)} elapsed");
                if (share is > 0 and < 1 && elapsed >= LineInterval)
                {
                    line += $", about {Clock(elapsed * ((1 - share) / share))} left";
                }
            }
            else
            {
                line += $", {Clock(elapsed)} elapsed";
            }

            error.WriteLine(line);
            error.Flush();
            _lastLine = elapsed;
            _lastWritten = true;
        }

        private static string Clock(TimeSpan t) =>
            t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }
}
