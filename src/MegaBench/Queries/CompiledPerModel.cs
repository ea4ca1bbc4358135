using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MegaBench.Queries;

/// <summary>
/// A query prepared once per EF model: compiled with <c>EF.CompileAsyncQuery</c>, or SQL written from the model's
/// columns (<see cref="Data.RoundStampQuery"/>). EF refuses to run one compiled query against a second model, a model's
/// column names differ by provider, and one process can hold several models: SQLite and PostgreSQL contexts, or
/// contexts built with other options (the CLI, the tests).
/// </summary>
/// <remarks>
/// For queries that run on every request: a plain LINQ query rebuilds its expression tree and EF looks its
/// translation up by that tree on every execution, which costs more than the query itself on a small page.
/// </remarks>
/// <param name="prepare">Prepares the query for the model of the context given (called once per model).</param>
public sealed class CompiledPerModel<TQuery>(Func<DbContext, TQuery> prepare)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _queries = [];

    /// <param name="compile">Compiles the query (called once per model).</param>
    public CompiledPerModel(Func<TQuery> compile)
        : this(_ => compile())
    {
    }

    /// <summary>The query prepared for the model of <paramref name="db"/>.</summary>
    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _queries.GetValue(db.Model, _ => prepare(db));
    }
}
