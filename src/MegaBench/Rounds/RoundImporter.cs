using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Rounds;

/// <summary>
/// Reads a <see cref="RoundDocument"/> back into the database as a new round: <see cref="RoundValidator"/> checks
/// the whole file, then <see cref="RoundWriter"/> writes it.
/// </summary>
/// <remarks>
/// <para>The whole file is checked before anything is written, and every problem found is reported in one
/// <see cref="RoundImportException"/>, so that a user fixes the file in one go. Then everything is written in
/// one transaction: the framework version (registered if new), the network (found by name or created), the
/// city (found by network and name or created), the round, its organisations, answers and narrative.
/// On any problem nothing is written.</para>
/// <para>Required: format and formatVersion, network.name, city.name and country, round.year, status and
/// createdAt, the framework's id, version, contentHash and definition, each organisation's name, group,
/// kind and position, each answer's indicator, value and version, each narrative section's kind and
/// markdown. Missing lists (organisations, answers, narrative) mean none.</para>
/// </remarks>
public static class RoundImporter
{
    public static Task<Round> ImportAsync(MegaBenchDbContext db, Stream input, CancellationToken cancellationToken) =>
        ImportAsync(db, input, batch: null, cancellationToken);

    /// <inheritdoc cref="ImportAsync(MegaBenchDbContext, Stream, CancellationToken)"/>
    /// <param name="batch">
    /// Shared by the rounds of one network import (the bulk path): each framework definition is checked once, and
    /// the stored framework, network and cities are found once. Null for a single round.
    /// </param>
    public static async Task<Round> ImportAsync(MegaBenchDbContext db, Stream input, RoundImportBatch? batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);

        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, cancellationToken);
        var plan = await CheckAsync(db, buffer.ToArray(), batch, cancellationToken);
        var round = await RoundWriter.WriteAsync(db, plan, batch, cancellationToken);
        if (batch is null)
        {
            // A single round's caller reads where it went and what it holds (the CLI prints it); its organisations and
            // answers were written past the change tracker, so the round is read back.
            db.ChangeTracker.Clear();
            round = await db.Rounds.Include(r => r.City!).ThenInclude(c => c.Network)
                .Include(r => r.Organisations).ThenInclude(o => o.Answers)
                .Include(r => r.Narrative)
                .AsSplitQuery()
                .SingleAsync(r => r.Id == round.Id, cancellationToken);
        }

        return round;
    }

    /// <summary>Checks a round file whole, against the database too; writes nothing.</summary>
    /// <exception cref="RoundImportException">Every problem found.</exception>
    internal static async Task<RoundValidator.Plan> CheckAsync(MegaBenchDbContext db, byte[] file, RoundImportBatch? batch, CancellationToken cancellationToken)
    {
        var (document, positions) = RoundValidator.Parse(file);
        var problems = new Problems(positions);
        var plan = RoundValidator.Check(document, problems, batch);
        if (plan is not null)
        {
            await RoundValidator.CheckAgainstDatabaseAsync(db, plan, problems, cancellationToken);
        }

        if (problems.Count > 0 || plan is null)
        {
            throw new RoundImportException(problems.Items);
        }

        return plan;
    }
}


/// <summary>A round file that cannot be imported, with every problem found. Nothing was written.</summary>
public sealed class RoundImportException : Exception
{
    /// <summary>Longest problem list shown; the rest is counted, so a wholly wrong file stays readable.</summary>
    private const int MaxProblemsShown = 50;

    public RoundImportException(IReadOnlyList<string> problems)
        : base(Compose(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }

    private static string Compose(IReadOnlyList<string> problems)
    {
        var shown = problems.Take(MaxProblemsShown).Select(p => "  - " + p);
        var more = problems.Count > MaxProblemsShown ? [$"  ... and {problems.Count - MaxProblemsShown} more."] : Array.Empty<string>();
        var header = problems.Count == 1
            ? "The round file cannot be imported; nothing was written. Fix this problem and import it again:"
            : $"The round file cannot be imported; nothing was written. Fix these {problems.Count} problems and import it again:";
        return string.Join("\n", [header, .. shown, .. more]);
    }
}

/// <summary>
/// What the rounds of one network import share (see <see cref="RoundImporter.ImportAsync(MegaBenchDbContext, Stream, RoundImportBatch?, CancellationToken)"/>):
/// the framework definitions already checked, and the keys of the stored frameworks, networks and cities already
/// found or created. Valid for one import in one transaction only.
/// </summary>
public sealed class RoundImportBatch : IAsyncDisposable
{
    /// <summary>The writers of the organisations and answers, made at the first round (inside the import's transaction).</summary>
    internal BulkRows<Organisation>? OrganisationRows { get; set; }

    internal BulkRows<Answer>? AnswerRows { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (OrganisationRows is not null)
        {
            await OrganisationRows.DisposeAsync();
        }

        if (AnswerRows is not null)
        {
            await AnswerRows.DisposeAsync();
        }
    }

    internal Dictionary<(string? Id, string? Version, string? Hash, string Definition), (Framework Framework, string Hash)> Frameworks { get; } = [];

    internal Dictionary<string, int> StoredFrameworks { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, int> Networks { get; } = new(StringComparer.Ordinal);

    internal Dictionary<(int Network, string City), int> Cities { get; } = [];
}
