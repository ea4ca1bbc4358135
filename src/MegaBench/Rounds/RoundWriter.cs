using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Rounds;

/// <summary>Writes a round that <see cref="RoundValidator"/> has checked.</summary>
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
        try
        {
            var round = await WriteRoundAsync(db, plan, batch ?? new RoundImportBatch(), cancellationToken);
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
        round.Organisations.AddRange(plan.Organisations);
        round.Narrative.AddRange(plan.Narrative);
        db.Rounds.Add(round);
        await db.SaveChangesAsync(cancellationToken);
        return round;
    }
}
