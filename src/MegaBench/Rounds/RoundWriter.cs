using MegaBench.Answers;
using MegaBench.Audit;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Rounds;

/// <summary>Writes a round that <see cref="RoundValidator"/> has checked.</summary>
/// <remarks>
/// <para>One write path for a round file and for every round of a network file. The framework, network and city go
/// through EF (a few rows, found once per batch), and so do the round and its narrative, so that their change stamps
/// are raised by <c>SaveChanges</c>. The organisations and answers (millions in a network file) go through
/// <see cref="BulkRows{T}"/>: prepared statements on SQLite, binary COPY on PostgreSQL, in the same transaction.</para>
/// <para>Audit: the round is recorded as one entry, its creation with what it brought
/// (<see cref="MegaBenchDbContext.AuditInsertedRoundsAsOneEntry"/>, <see cref="AuditRecorder.ImportedRound"/>),
/// written in the same transaction once its rows are in.</para>
/// </remarks>
internal static class RoundWriter
{
    /// <summary>
    /// Writes a checked round, the one write path of a single round and of every round of a network import: the
    /// framework, network and city are found (or created) once per batch and referred to by key, so that each round
    /// is one insert of its rows. Inside a caller's transaction (a network import, all or nothing) the round joins it;
    /// otherwise it has its own.
    /// </summary>
    internal static async Task<Round> WriteAsync(MegaBenchDbContext db, RoundValidator.Plan plan, RoundImportBatch? batch, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var own = batch is null ? new RoundImportBatch() : null;
        try
        {
            var round = await WriteRoundAsync(db, plan, batch ?? own!, cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }

            return round;
        }
        catch
        {
            // The transaction rolls back on dispose; forget the unsaved entities too, so that a caller
            // reusing this context does not save them later by accident.
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }

            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    private static async Task<Round> WriteRoundAsync(MegaBenchDbContext db, RoundValidator.Plan plan, RoundImportBatch batch, CancellationToken cancellationToken)
    {
        if (!batch.StoredFrameworks.TryGetValue(plan.ContentHash, out var storedId))
        {
            storedId = (await FrameworkStore.RegisterAsync(db, plan.Framework, cancellationToken: cancellationToken)).Id;
            batch.StoredFrameworks[plan.ContentHash] = storedId;
        }

        if (!batch.Networks.TryGetValue(plan.NetworkName, out var networkId))
        {
            var network = await db.Networks.AsNoTracking().SingleOrDefaultAsync(n => n.Name == plan.NetworkName, cancellationToken);
            if (network is null)
            {
                network = new Network { Name = plan.NetworkName, Description = plan.NetworkDescription, IsDemo = plan.IsDemo };
                db.Networks.Add(network);
                await db.SaveChangesAsync(cancellationToken);
            }

            networkId = network.Id;
            batch.Networks[plan.NetworkName] = networkId;
        }

        if (!batch.Cities.TryGetValue((networkId, plan.CityName), out var cityId))
        {
            var city = await db.Cities.AsNoTracking().SingleOrDefaultAsync(c => c.NetworkId == networkId && c.Name == plan.CityName, cancellationToken);
            if (city is null)
            {
                city = new City { NetworkId = networkId, Name = plan.CityName, Country = plan.Country };
                db.Cities.Add(city);
                await db.SaveChangesAsync(cancellationToken);
            }

            cityId = city.Id;
            batch.Cities[(networkId, plan.CityName)] = cityId;
        }

        var round = new Round
        {
            CityId = cityId,
            StoredFrameworkId = storedId,
            Year = plan.Year,
            Status = plan.Status,
            CreatedAt = plan.CreatedAt,
        };
        round.Narrative.AddRange(plan.Narrative);
        db.Rounds.Add(round);
        var summarise = db.AuditInsertedRoundsAsOneEntry;
        db.AuditInsertedRoundsAsOneEntry = true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.AuditInsertedRoundsAsOneEntry = summarise;
        }

        var answers = new List<Answer>();
        foreach (var organisation in plan.Organisations)
        {
            organisation.RoundId = round.Id;
        }

        batch.OrganisationRows ??= BulkRows<Organisation>.For(db, returnKeys: true);
        await batch.OrganisationRows.WriteAsync(plan.Organisations, cancellationToken);
        foreach (var organisation in plan.Organisations)
        {
            foreach (var answer in organisation.Answers)
            {
                answer.OrganisationId = organisation.Id;
                answers.Add(answer);
            }
        }

        batch.AnswerRows ??= BulkRows<Answer>.For(db, returnKeys: false);
        await batch.AnswerRows.WriteAsync(answers, cancellationToken);
        db.AuditEntries.Add(AuditRecorder.ImportedRound(db, round, plan.Organisations.Count, answers.Count, plan.Narrative.Count));
        await db.SaveChangesAsync(cancellationToken);
        return round;
    }
}
