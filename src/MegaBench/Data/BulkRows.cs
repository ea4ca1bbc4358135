using System.Data.Common;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace MegaBench.Data;

/// <summary>
/// New rows of one table written at the database's speed inside the context's current transaction, for the imports
/// that bring millions of them (a network file): on SQLite one prepared INSERT whose parameters are reused for every
/// row; on PostgreSQL binary COPY (<c>BeginBinaryImport</c>), with the keys taken from the table's sequence first.
/// </summary>
/// <remarks>
/// <para>The columns, their value conversions and their types come from the EF model, so a row written here is the
/// row <c>SaveChanges</c> would write, and a column added to the entity is written without a change here. Keys are set
/// on the objects, as <c>SaveChanges</c> sets them, when <c>returnKeys</c> is asked for (organisations, whose answers
/// refer to them).</para>
/// <para>These rows bypass the change tracker, so neither the audit trail nor the change stamps see them: the caller
/// records both (<see cref="RoundWriter"/>: the round's one audit entry and its stamps).</para>
/// </remarks>
internal abstract class BulkRows<T> : IAsyncDisposable
    where T : class
{
    protected BulkRows(MegaBenchDbContext db, bool returnKeys)
    {
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model.");
        Key = MappedColumn.Of<T>(db, type.FindPrimaryKey()!.Properties.Single().Name);
        Table = MappedColumn.Table<T>(db);
        ReturnKeys = returnKeys;

        // Every mapped column but the key, which the database assigns (or, for COPY, the sequence).
        Columns = [.. type.GetProperties().Where(p => !p.IsPrimaryKey()).Select(p => MappedColumn.Of<T>(db, p.Name))];
        Connection = db.Database.GetDbConnection();
        Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk rows are written inside the import's transaction.");
    }

    protected MappedColumn Key { get; }

    /// <summary>The quoted table name.</summary>
    protected string Table { get; }

    protected bool ReturnKeys { get; }

    protected IReadOnlyList<MappedColumn> Columns { get; }

    protected DbConnection Connection { get; }

    protected DbTransaction Transaction { get; }

    public static BulkRows<T> For(MegaBenchDbContext db, bool returnKeys) =>
        db.Database.GetDbConnection() is NpgsqlConnection ? new Copy(db, returnKeys) : new Prepared(db, returnKeys);

    /// <summary>Writes the rows; with <c>returnKeys</c>, each object's key is set to its row's.</summary>
    public abstract Task WriteAsync(IReadOnlyList<T> rows, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    /// <summary>The value the column stores for the object: its property through the model's value converter.</summary>
    protected static object? Stored(MappedColumn column, T row) =>
        column.ToStored(column.Property.PropertyInfo is { } info
            ? info.GetValue(row)
            : throw new InvalidOperationException($"{typeof(T).Name}.{column.Property.Name} is a shadow property; bulk rows write CLR properties only."));

    /// <summary>SQLite: one prepared INSERT, its parameters set anew for each row.</summary>
    private sealed class Prepared : BulkRows<T>
    {
        private readonly DbCommand command;

        public Prepared(MegaBenchDbContext db, bool returnKeys)
            : base(db, returnKeys)
        {
            command = Connection.CreateCommand();
            command.Transaction = Transaction;
            command.CommandText = $"INSERT INTO {Table} ({string.Join(", ", Columns.Select(c => c.Name))}) " +
                                  $"VALUES ({string.Join(", ", Columns.Select((_, i) => $"$p{i}"))})" +
                                  (returnKeys ? $" RETURNING {Key.Name}" : "");
            for (var i = 0; i < Columns.Count; i++)
            {
                command.Parameters.Add(Columns[i].Parameter(command, $"$p{i}", null));
            }

            command.Prepare();
        }

        public override async Task WriteAsync(IReadOnlyList<T> rows, CancellationToken cancellationToken)
        {
            foreach (var row in rows)
            {
                for (var i = 0; i < Columns.Count; i++)
                {
                    command.Parameters[i].Value = Stored(Columns[i], row) ?? DBNull.Value;
                }

                if (ReturnKeys)
                {
                    Key.Property.PropertyInfo!.SetValue(row, Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture));
                }
                else
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }
        }

        public override ValueTask DisposeAsync() => command.DisposeAsync();
    }

    /// <summary>PostgreSQL: binary COPY of each list of rows; keys, when asked for, are drawn from the sequence first and written with the rows.</summary>
    private sealed class Copy(MegaBenchDbContext db, bool returnKeys) : BulkRows<T>(db, returnKeys)
    {
        public override async Task WriteAsync(IReadOnlyList<T> rows, CancellationToken cancellationToken)
        {
            if (rows.Count == 0)
            {
                return;
            }

            var npgsql = (NpgsqlConnection)Connection;
            var columns = Columns;
            if (ReturnKeys)
            {
                await using var keys = new NpgsqlCommand(
                    $"SELECT nextval(pg_get_serial_sequence('{Table}', '{Key.Property.GetColumnName()}')) FROM generate_series(1, $1)",
                    npgsql, (NpgsqlTransaction)Transaction);
                keys.Parameters.Add(new NpgsqlParameter { Value = rows.Count });
                await using var reader = await keys.ExecuteReaderAsync(cancellationToken);
                foreach (var row in rows)
                {
                    await reader.ReadAsync(cancellationToken);
                    Key.Property.PropertyInfo!.SetValue(row, checked((int)reader.GetInt64(0)));
                }

                columns = [Key, .. Columns];
            }

            await using var copy = await npgsql.BeginBinaryImportAsync(
                $"COPY {Table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var row in rows)
            {
                await copy.StartRowAsync(cancellationToken);
                foreach (var column in columns)
                {
                    if (Stored(column, row) is { } value)
                    {
                        await copy.WriteAsync(value, column.Mapping.StoreTypeNameBase, cancellationToken);
                    }
                    else
                    {
                        await copy.WriteNullAsync(cancellationToken);
                    }
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
