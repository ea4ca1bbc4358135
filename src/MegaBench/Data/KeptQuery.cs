using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MegaBench.Data;

/// <summary>
/// A statement written once per EF model that the <see cref="StampReader"/> keeps prepared on its connections: its SQL
/// (<see cref="Sql"/>, whose first parameter is the argument), its parameters, and how to read its rows.
/// </summary>
internal abstract class KeptQuery<TArgument, TResult>
{
    /// <summary>The statement, set by the constructor from the model's column names (<see cref="MappedColumn"/>).</summary>
    protected string Sql { get; init; } = "";

    /// <summary>The statement as a command on <paramref name="connection"/>, with its parameters (the argument's set by <see cref="ReadAsync(DbCommand, TArgument, CancellationToken)"/>).</summary>
    public DbCommand Command(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        command.CommandText = Sql;
        AddParameters(command);
        return command;
    }

    /// <summary>Runs <paramref name="command"/> (made by <see cref="Command"/>) for <paramref name="argument"/>.</summary>
    public async Task<TResult> ReadAsync(DbCommand command, TArgument argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Parameters[0].Value = argument;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadAsync(reader, argument, cancellationToken);
    }

    /// <summary>
    /// Runs the statement on <paramref name="db"/>'s own connection, inside its transaction if it has one (so that it
    /// sees what the transaction changed): for a caller that has a context already.
    /// </summary>
    public async Task<TResult> ReadAsync(MegaBenchDbContext db, TArgument argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Command(db.Database.GetDbConnection());
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            return await ReadAsync(command, argument, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Adds the statement's parameters, the argument's first, each typed as its column stores it.</summary>
    protected abstract void AddParameters(DbCommand command);

    /// <summary>The result from the statement's rows.</summary>
    protected abstract Task<TResult> ReadAsync(DbDataReader reader, TArgument argument, CancellationToken cancellationToken);
}
