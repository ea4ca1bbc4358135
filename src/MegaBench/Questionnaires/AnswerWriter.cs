using System.Data.Common;
using System.Threading.Channels;
using MegaBench.Accounts;
using MegaBench.Answers;
using MegaBench.Audit;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Questionnaires;

/// <summary>One answer saved through a questionnaire link, as the autosave sends it.</summary>
/// <param name="ExpectedVersion">The version the respondent started from (0: never answered); not negative.</param>
public sealed record LinkedAnswerSave(string Token, string Code, AnswerValue Value, string? Comment, string? Evidence, int ExpectedVersion);

/// <summary>
/// Saves answers sent through questionnaire links with group commit: the saves waiting at a moment are written
/// in one transaction, each with the same rules as <see cref="Questionnaire.SaveAnswerAsync"/> (link check,
/// lock, statement, lengths, version check, answer, audit row), and every one of them is acknowledged only once
/// that transaction is committed.
/// </summary>
/// <remarks>
/// <para>Why: with SQLite's <c>synchronous=FULL</c> a commit waits for the disk to flush, and SQLite commits
/// one transaction at a time, so one transaction per save caps the saves at the disk's flushes per second
/// (200–300 here, <c>bench/load/sqlite-commit-rate.py</c>), and a hundred requests queueing for the write lock in
/// SQLite's busy handler add long sleeps. One writer that takes every save waiting shares each flush among them
/// all; while it commits, the next saves queue up for the next batch.</para>
/// <para>How: the writer owns a context and its open connection for its whole life and runs prepared SQL built
/// from the EF model (table and column names, value conversions), not the change tracker: a save is five
/// statements and no tracked objects. Its audit rows are the same as the change tracker's
/// (<see cref="AuditRecorder.Snapshot(IEntityType, object)"/>; a test compares them).</para>
/// <para>Failure: when a batch fails (a lock timeout, a PostgreSQL deadlock between two instances' batches), it
/// is rolled back whole and its saves are retried one by one, each in its own transaction; a save that fails
/// alone fails its request, and nothing of it is stored.</para>
/// <para>SQLite gets one writer (one process writes at a time anyway); PostgreSQL
/// <see cref="DatabaseOptions.AnswerWriters"/> (one by default), each with its own connection, locking the answer
/// row it checks (<c>FOR UPDATE</c>) so that two instances never both pass the version check of one statement.</para>
/// </remarks>
public sealed class AnswerWriter : IAsyncDisposable
{
    /// <summary>At most this many saves share a transaction: bounds the work lost to a failed batch and the wait of the last one.</summary>
    private const int MaxBatch = 256;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly IServiceScopeFactory _scopes;
    private readonly Task[] _writers;

    public AnswerWriter(IServiceScopeFactory scopes, int writers)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        _scopes = scopes;
        _writers = [.. Enumerable.Range(0, writers).Select(StartWriter)];
    }

    /// <summary>
    /// A writer runs on a thread of its own: SQLite's calls (its flush included) block their thread whatever the
    /// API says, and a thread-pool thread held for every commit starves the requests on a small machine.
    /// </summary>
    private Task StartWriter(int number)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                WriteLoop();
                done.SetResult();
            }
            catch (Exception exception)
            {
                done.SetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = $"MegaBench answer writer {number + 1}",
        };
        thread.Start();
        return done.Task;
    }

    /// <summary>
    /// Saves the answer if the link is valid; returns null when it is not (malformed, unknown, revoked or
    /// expired: the caller cannot tell which), else the outcome as <see cref="Questionnaire.SaveAnswerAsync"/>
    /// gives it. Completes once the save is committed (or refused); throws when it could not be written.
    /// </summary>
    public Task<AnswerSaveResult?> SaveAsync(LinkedAnswerSave save)
    {
        ArgumentNullException.ThrowIfNull(save);
        ArgumentOutOfRangeException.ThrowIfNegative(save.ExpectedVersion);
        if (!Questionnaire.IsWellFormed(save.Token))
        {
            return Task.FromResult<AnswerSaveResult?>(null);
        }

        var pending = new Pending(save, Secrets.Hash(save.Token));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(AnswerWriter), "The application is stopping; the answer was not saved. Save it again in a moment.");
        }

        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers).ConfigureAwait(false);
    }

    private void WriteLoop()
    {
        var batch = new List<Pending>(MaxBatch);
        Connection? connection = null;
        try
        {
            while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                if (batch.Count == 0)
                {
                    continue;
                }

                try
                {
                    connection ??= Connection.Open(_scopes);
                }
                catch (Exception exception)
                {
                    // The database is unreachable: these saves fail (their requests answer 500); the next batch tries again.
                    batch.ForEach(p => p.Completion.TrySetException(exception));
                    batch.Clear();
                    continue;
                }

                if (!TryWrite(connection, batch))
                {
                    // A broken connection (a restarted server) must not fail every later save: start afresh.
                    connection.Dispose();
                    connection = null;
                }

                batch.Clear();
            }
        }
        finally
        {
            if (connection is not null)
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>Writes the batch, or its saves one by one if it fails whole. False when the connection looks broken.</summary>
    private static bool TryWrite(Connection connection, List<Pending> batch)
    {
        try
        {
            var results = connection.Write(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }

            return true;
        }
        catch (Exception) when (batch.Count > 1)
        {
            var healthy = true;
            foreach (var pending in batch)
            {
                healthy &= TryWrite(connection, [pending]);
            }

            return healthy;
        }
        catch (Exception exception)
        {
            batch[0].Completion.TrySetException(exception);
            return connection.IsOpen;
        }
    }

    private sealed record Pending(LinkedAnswerSave Save, string TokenHash)
    {
        public TaskCompletionSource<AnswerSaveResult?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A writer's context, its open connection and its commands.</summary>
    private sealed class Connection : IDisposable
    {
        private readonly IServiceScope _scope;
        private readonly MegaBenchDbContext _db;
        private readonly bool _lockRows;
        private readonly Statements _sql;

        private Connection(IServiceScope scope)
        {
            _scope = scope;
            _db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
            _db.Database.OpenConnection();
            _lockRows = !_db.Database.IsSqlite();
            _sql = new Statements(_db, _lockRows);
        }

        public bool IsOpen => _db.Database.GetDbConnection().State == System.Data.ConnectionState.Open;

        public static Connection Open(IServiceScopeFactory scopes)
        {
            var scope = scopes.CreateScope();
            try
            {
                return new Connection(scope);
            }
            catch
            {
                scope.Dispose();
                throw;
            }
        }

        public AnswerSaveResult?[] Write(List<Pending> batch)
        {
            // SQLite: BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default), so the write lock is taken before the reads
            // that the version checks rest on; PostgreSQL: the rows are locked as they are read.
            using var transaction = _db.Database.BeginTransaction();
            var dbTransaction = transaction.GetDbTransaction();
            var results = new AnswerSaveResult?[batch.Count];
            var rounds = new SortedSet<int>();
            for (var i = 0; i < batch.Count; i++)
            {
                results[i] = Save(batch[i], dbTransaction, rounds);
            }

            // The change stamps (ChangeStamps), in the answers' transaction; in id order, so that two instances' batches
            // lock the rounds' rows in the same order.
            foreach (var round in rounds)
            {
                _sql.RaiseStamps(dbTransaction, round);
            }

            transaction.Commit();
            return results;
        }

        /// <remarks>
        /// Round trips to the database (what a save costs on PostgreSQL): the usual save, which changes an answer,
        /// makes two — the link and the stored answer in one command, the answer and its audit row in another; the
        /// first answer to a statement makes three.
        /// </remarks>
        private AnswerSaveResult? Save(Pending pending, DbTransaction transaction, SortedSet<int> savedRounds)
        {
            var save = pending.Save;
            var now = _db.Clock.GetUtcNow();
            var (link, stored) = _sql.FindLinkAndAnswer(transaction, save.Token, pending.TokenHash, save.Code, now);
            if (link is null)
            {
                return null;
            }

            var target = link.Target;
            if (target.RespondentLock is { } reason)
            {
                return new AnswerSaveResult.Locked(reason);
            }

            // The framework is parsed once per process; only the first save of a framework reads its row.
            var (_, group) = Questionnaire.ReadGroupAsync(_db, target).GetAwaiter().GetResult();
            var comment = AnswerText.Clean(save.Comment);
            var evidence = AnswerText.Clean(save.Evidence);
            if (Questionnaire.Refusal(group, save.Code, comment, evidence) is { } refusal)
            {
                return refusal;
            }

            var actor = link.Actor;
            for (var attempt = 0; ; attempt++)
            {
                if (attempt > 0)
                {
                    stored = _sql.FindAnswer(transaction, target.OrganisationId, save.Code);
                }

                if (Questionnaire.Decide(AnswerSnapshot.Of(save.Code, stored), save.Value, comment, evidence, save.ExpectedVersion) is { } decided)
                {
                    return decided;
                }

                var answer = new Answer
                {
                    Id = stored?.Id ?? 0,
                    OrganisationId = target.OrganisationId,
                    IndicatorCode = save.Code,
                    Value = save.Value,
                    Comment = comment,
                    Evidence = evidence,
                    CoordinatorNote = stored?.CoordinatorNote,
                    UpdatedBy = actor.Name,
                    UpdatedAt = now,
                    Version = (stored?.Version ?? 0) + 1,
                };
                var entry = new AuditEntry
                {
                    At = now,
                    ActorId = actor.UserId,
                    ActorName = actor.Name,
                    EntityType = nameof(Answer),
                    RoundId = target.RoundId,
                    EntityId = "",
                };

                if (stored is not null)
                {
                    // The stored row was read under the write lock (SQLite) or locked (PostgreSQL's FOR UPDATE): the
                    // update finds it at that version.
                    entry.Action = AuditAction.Updated;
                    entry.EntityId = Key(answer.Id);
                    entry.Before = _sql.Snapshot(stored);
                    entry.After = _sql.Snapshot(answer);
                    _sql.UpdateAnswerWithAudit(transaction, answer, stored.Version, entry);
                    savedRounds.Add(target.RoundId);
                    return new AnswerSaveResult.Saved(AnswerSnapshot.Of(save.Code, answer));
                }

                // Only another instance's first answer to the statement, between the read and the insert, makes this
                // fail (PostgreSQL cannot lock a row that does not exist yet): read again and decide again, once.
                if (!_sql.InsertAnswer(transaction, answer))
                {
                    if (attempt > 0)
                    {
                        throw new InvalidOperationException($"The answer to {save.Code} of organisation {target.OrganisationId} changed twice during one save.");
                    }

                    continue;
                }

                entry.Action = AuditAction.Created;
                entry.EntityId = Key(answer.Id);
                entry.After = _sql.Snapshot(answer);
                _sql.InsertAudit(transaction, entry);
                savedRounds.Add(target.RoundId);
                return new AnswerSaveResult.Saved(AnswerSnapshot.Of(save.Code, answer));
            }
        }

        private static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public void Dispose()
        {
            try
            {
                _db.Database.CloseConnection();
            }
            finally
            {
                _scope.Dispose();
            }
        }
    }

    /// <summary>
    /// The writer's SQL, built once from the EF model so that names, quoting and value conversions are the
    /// model's (the enum-as-text columns, SQLite's DateTimeOffset text) on either provider.
    /// </summary>
    private sealed class Statements
    {
        private readonly DbConnection _connection;
        private readonly IEntityType _answerType;
        private readonly MappedColumn[] _link;
        private readonly MappedColumn _answerId, _organisationId, _code, _value, _comment, _evidence, _note, _updatedBy, _updatedAt, _version, _carried;
        private readonly MappedColumn[] _audit;
        private readonly DbCommand _findLinkAndAnswer, _findAnswer, _insertAnswer, _updateAnswerWithAudit, _insertAudit, _raiseStamps;
        private readonly MappedColumn _roundId, _roundStatus;
        private readonly HashSet<DbCommand> _prepared = [];

        public Statements(MegaBenchDbContext db, bool lockRows)
        {
            _connection = db.Database.GetDbConnection();
            var sql = db.GetService<ISqlGenerationHelper>();
            var model = db.Model;
            MappedColumn C<T>(string property) => MappedColumn.Of<T>(db, property);
            string Table<T>() => MappedColumn.Table<T>(db);

            _link =
            [
                C<Invitation>(nameof(Invitation.Id)), C<Invitation>(nameof(Invitation.TokenHash)), C<Invitation>(nameof(Invitation.ExpiresAt)),
                C<Invitation>(nameof(Invitation.RevokedAt)), C<Organisation>(nameof(Organisation.Id)), C<Organisation>(nameof(Organisation.RoundId)),
                C<Round>(nameof(Round.CityId)), C<City>(nameof(City.NetworkId)), C<Organisation>(nameof(Organisation.Name)),
                C<Organisation>(nameof(Organisation.GroupCode)), C<Round>(nameof(Round.StoredFrameworkId)), C<StoredFramework>(nameof(StoredFramework.ContentHash)),
                C<Round>(nameof(Round.Status)), C<Organisation>(nameof(Organisation.SubmittedAt)), C<Organisation>(nameof(Organisation.ValidatedAt)),
            ];
            string[] aliases = ["i", "i", "i", "i", "o", "o", "r", "c", "o", "o", "r", "f", "r", "o", "o"];
            var tokenHash = C<Invitation>(nameof(Invitation.TokenHash));
            var findLink =
                $"SELECT {string.Join(", ", _link.Select((c, i) => $"{aliases[i]}.{c.Name}"))} " +
                $"FROM {Table<Invitation>()} i " +
                $"JOIN {Table<Organisation>()} o ON o.{C<Organisation>(nameof(Organisation.Id)).Name} = i.{C<Invitation>(nameof(Invitation.OrganisationId)).Name} " +
                $"JOIN {Table<Round>()} r ON r.{C<Round>(nameof(Round.Id)).Name} = o.{C<Organisation>(nameof(Organisation.RoundId)).Name} " +
                $"JOIN {Table<City>()} c ON c.{C<City>(nameof(City.Id)).Name} = r.{C<Round>(nameof(Round.CityId)).Name} " +
                $"JOIN {Table<StoredFramework>()} f ON f.{C<StoredFramework>(nameof(StoredFramework.Id)).Name} = r.{C<Round>(nameof(Round.StoredFrameworkId)).Name} " +
                $"WHERE i.{tokenHash.Name} = @hash";

            _answerType = model.FindEntityType(typeof(Answer))!;
            _answerId = C<Answer>(nameof(Answer.Id));
            _organisationId = C<Answer>(nameof(Answer.OrganisationId));
            _code = C<Answer>(nameof(Answer.IndicatorCode));
            _value = C<Answer>(nameof(Answer.Value));
            _comment = C<Answer>(nameof(Answer.Comment));
            _evidence = C<Answer>(nameof(Answer.Evidence));
            _note = C<Answer>(nameof(Answer.CoordinatorNote));
            _updatedBy = C<Answer>(nameof(Answer.UpdatedBy));
            _updatedAt = C<Answer>(nameof(Answer.UpdatedAt));
            _version = C<Answer>(nameof(Answer.Version));
            _carried = C<Answer>(nameof(Answer.CarriedOverFrom));
            var answers = Table<Answer>();
            string FindAnswer(string organisation) =>
                $"SELECT {_answerId.Name}, {_value.Name}, {_comment.Name}, {_evidence.Name}, {_note.Name}, {_updatedBy.Name}, {_updatedAt.Name}, {_version.Name}, {_carried.Name} " +
                $"FROM {answers} WHERE {_organisationId.Name} = {organisation} AND {_code.Name} = @code" + (lockRows ? " FOR UPDATE" : "");
            _findAnswer = Command(FindAnswer("@organisation"));

            // One round trip: the link, and the stored answer of the link's organisation.
            _findLinkAndAnswer = Command(
                $"{findLink}; " +
                FindAnswer($"(SELECT {C<Invitation>(nameof(Invitation.OrganisationId)).Name} FROM {Table<Invitation>()} WHERE {tokenHash.Name} = @hash)"));
            MappedColumn[] inserted = [_organisationId, _code, _value, _comment, _evidence, _updatedBy, _updatedAt, _version];
            _insertAnswer = Command(
                $"INSERT INTO {answers} ({string.Join(", ", inserted.Select(c => c.Name))}) " +
                $"VALUES ({string.Join(", ", inserted.Select((_, i) => $"@p{i}"))}) " +
                $"ON CONFLICT ({_organisationId.Name}, {_code.Name}) DO NOTHING RETURNING {_answerId.Name}");
            MappedColumn[] updated = [_value, _comment, _evidence, _updatedBy, _updatedAt, _version, _carried];
            var updateAnswer =
                $"UPDATE {answers} SET {string.Join(", ", updated.Select((c, i) => $"{c.Name} = @p{i}"))} " +
                $"WHERE {_answerId.Name} = @id AND {_version.Name} = @expected";

            _audit =
            [
                C<AuditEntry>(nameof(AuditEntry.At)), C<AuditEntry>(nameof(AuditEntry.ActorId)), C<AuditEntry>(nameof(AuditEntry.ActorName)),
                C<AuditEntry>(nameof(AuditEntry.EntityType)), C<AuditEntry>(nameof(AuditEntry.EntityId)), C<AuditEntry>(nameof(AuditEntry.RoundId)),
                C<AuditEntry>(nameof(AuditEntry.Action)), C<AuditEntry>(nameof(AuditEntry.Before)), C<AuditEntry>(nameof(AuditEntry.After)),
            ];
            string InsertAudit(string prefix) =>
                $"INSERT INTO {Table<AuditEntry>()} ({string.Join(", ", _audit.Select(c => c.Name))}) " +
                $"VALUES ({string.Join(", ", _audit.Select((_, i) => $"@{prefix}{i}"))})";
            _insertAudit = Command(InsertAudit("p"));

            // One round trip: the answer and its audit row.
            _updateAnswerWithAudit = Command($"{updateAnswer}; {InsertAudit("a")}");

            // ChangeStamps' rule for the writer: the round's stamp always, its network's when the round is not open.
            var stamp = sql.DelimitIdentifier(ChangeStamps.Property);
            _roundId = C<Round>(nameof(Round.Id));
            _roundStatus = C<Round>(nameof(Round.Status));
            var (rounds, cities, networks) = (Table<Round>(), Table<City>(), Table<Network>());
            var roundCity = C<Round>(nameof(Round.CityId)).Name;
            _raiseStamps = Command(
                $"UPDATE {rounds} SET {stamp} = {stamp} + 1 WHERE {_roundId.Name} = @round; " +
                $"UPDATE {networks} SET {stamp} = {stamp} + 1 WHERE {C<Network>(nameof(Network.Id)).Name} IN " +
                $"(SELECT c.{C<City>(nameof(City.NetworkId)).Name} FROM {rounds} r JOIN {cities} c ON c.{C<City>(nameof(City.Id)).Name} = r.{roundCity} " +
                $"WHERE r.{_roundId.Name} = @round2 AND r.{_roundStatus.Name} <> @open)");
        }

        public string Snapshot(Answer answer) => AuditRecorder.Snapshot(_answerType, answer);

        /// <summary>The link of the token, and the stored answer to <paramref name="code"/> of its organisation (locked on PostgreSQL).</summary>
        public (QuestionnaireLink? Link, Answer? Stored) FindLinkAndAnswer(DbTransaction transaction, string token, string tokenHash, string code, DateTimeOffset now)
        {
            var command = Prepare(_findLinkAndAnswer, transaction, (_link[1], "@hash", tokenHash), (_code, "@code", code));
            using var reader = command.ExecuteReader();
            var link = reader.Read() ? ReadLink(reader, token, now) : null;
            reader.NextResult();
            return link is null ? (null, null) : (link, reader.Read() ? ReadAnswer(reader, link.Target.OrganisationId, code) : null);
        }

        private QuestionnaireLink? ReadLink(DbDataReader reader, string token, DateTimeOffset now)
        {

            var target = new QuestionnaireTarget(
                _link[4].Read<int>(reader, 4), _link[5].Read<int>(reader, 5), _link[6].Read<int>(reader, 6), _link[7].Read<int>(reader, 7),
                _link[8].Read<string>(reader, 8)!, _link[9].Read<string>(reader, 9)!, _link[10].Read<int>(reader, 10), _link[11].Read<string>(reader, 11)!,
                _link[12].Read<RoundStatus>(reader, 12), _link[13].Read<DateTimeOffset?>(reader, 13), _link[14].Read<DateTimeOffset?>(reader, 14));
            return Questionnaire.Accept(
                token, _link[0].Read<int>(reader, 0), _link[1].Read<string>(reader, 1)!, _link[2].Read<DateTimeOffset>(reader, 2),
                _link[3].Read<DateTimeOffset?>(reader, 3), target, now);
        }

        public Answer? FindAnswer(DbTransaction transaction, int organisationId, string code)
        {
            var command = Prepare(_findAnswer, transaction, (_organisationId, "@organisation", organisationId), (_code, "@code", code));
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadAnswer(reader, organisationId, code) : null;
        }

        private Answer ReadAnswer(DbDataReader reader, int organisationId, string code) =>
            new()
            {
                Id = _answerId.Read<int>(reader, 0),
                OrganisationId = organisationId,
                IndicatorCode = code,
                Value = _value.Read<AnswerValue>(reader, 1),
                Comment = _comment.Read<string>(reader, 2),
                Evidence = _evidence.Read<string>(reader, 3),
                CoordinatorNote = _note.Read<string>(reader, 4),
                UpdatedBy = _updatedBy.Read<string>(reader, 5),
                UpdatedAt = _updatedAt.Read<DateTimeOffset?>(reader, 6),
                Version = _version.Read<int>(reader, 7),
                CarriedOverFrom = _carried.Read<int?>(reader, 8),
            };

        /// <summary>Inserts the answer and sets its id; false when a row for the statement appeared meanwhile.</summary>
        public bool InsertAnswer(DbTransaction transaction, Answer answer)
        {
            var command = Prepare(_insertAnswer, transaction,
                (_organisationId, "@p0", answer.OrganisationId), (_code, "@p1", answer.IndicatorCode), (_value, "@p2", answer.Value),
                (_comment, "@p3", answer.Comment), (_evidence, "@p4", answer.Evidence), (_updatedBy, "@p5", answer.UpdatedBy),
                (_updatedAt, "@p6", answer.UpdatedAt), (_version, "@p7", answer.Version));
            var id = command.ExecuteScalar();
            if (id is null or DBNull)
            {
                return false;
            }

            answer.Id = Convert.ToInt32(id, System.Globalization.CultureInfo.InvariantCulture);
            return true;
        }

        /// <summary>
        /// Updates the answer, which must still be at <paramref name="storedVersion"/> (it was read under a lock),
        /// and inserts its audit row; throws, and the transaction is rolled back, if the update found no row.
        /// </summary>
        public void UpdateAnswerWithAudit(DbTransaction transaction, Answer answer, int storedVersion, AuditEntry entry)
        {
            var command = Prepare(_updateAnswerWithAudit, transaction,
            [
                (_value, "@p0", answer.Value), (_comment, "@p1", answer.Comment), (_evidence, "@p2", answer.Evidence),
                (_updatedBy, "@p3", answer.UpdatedBy), (_updatedAt, "@p4", answer.UpdatedAt), (_version, "@p5", answer.Version),
                (_carried, "@p6", answer.CarriedOverFrom), (_answerId, "@id", answer.Id), (_version, "@expected", storedVersion),
                .. AuditParameters(entry, "a"),
            ]);
            if (command.ExecuteNonQuery() != 2)
            {
                throw new InvalidOperationException($"Answer {answer.Id} was not at version {storedVersion} though it was read under a lock; nothing of this save is kept.");
            }
        }

        public void RaiseStamps(DbTransaction transaction, int roundId) =>
            Prepare(_raiseStamps, transaction, (_roundId, "@round", roundId), (_roundId, "@round2", roundId), (_roundStatus, "@open", RoundStatus.Open)).ExecuteNonQuery();

        public void InsertAudit(DbTransaction transaction, AuditEntry entry) =>
            Prepare(_insertAudit, transaction, AuditParameters(entry, "p")).ExecuteNonQuery();

        private (MappedColumn, string, object?)[] AuditParameters(AuditEntry entry, string prefix)
        {
            object?[] values = [entry.At, entry.ActorId, entry.ActorName, entry.EntityType, entry.EntityId, entry.RoundId, entry.Action, entry.Before, entry.After];
            return [.. _audit.Select((c, i) => (c, $"@{prefix}{i}", values[i]))];
        }

        private DbCommand Command(string text)
        {
            var command = _connection.CreateCommand();
            command.CommandText = text;
            return command;
        }

        /// <summary>
        /// The command with this execution's parameters, each made by its column's type mapping (which applies the
        /// model's value conversion). The command object is kept, and prepared at its first use: the database keeps its compiled statement.
        /// </summary>
        private DbCommand Prepare(DbCommand command, DbTransaction transaction, params (MappedColumn Column, string Name, object? Value)[] parameters)
        {
            command.Transaction = transaction;
            if (_prepared.Add(command))
            {
                foreach (var (column, name, value) in parameters)
                {
                    command.Parameters.Add(column.Parameter(command, name, value));
                }

                // PostgreSQL then parses and plans each statement once per connection instead of once per save.
                command.Prepare();
                return command;
            }

            // A prepared command keeps its parameter objects (their types); only the values change.
            for (var i = 0; i < parameters.Length; i++)
            {
                var (column, _, value) = parameters[i];
                command.Parameters[i].Value = (value is null ? null : column.Mapping.Converter?.ConvertToProvider(value) ?? value) ?? DBNull.Value;
            }

            return command;
        }
    }
}
