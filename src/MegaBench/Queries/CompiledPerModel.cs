using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace MegaBench.Queries;

/// <summary>
/// A query compiled with <c>EF.CompileAsyncQuery</c>,
/// once per EF model. EF refuses to run one compiled query against a second model, and one process can hold
/// several: SQLite and PostgreSQL contexts, or contexts built with other options (the CLI, the tests).
/// </summary>
/// <remarks>
/// For queries that run on every request: a plain LINQ query rebuilds its expression tree and EF looks its
/// translation up by that tree on every execution, which costs more than the query itself on a small page.
/// </remarks>
/// <param name="compile">Compiles the query (called once per model).</param>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _queries = [];

    /// <summary>The query compiled for the model of <paramref name="db"/>.</summary>
    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _queries.GetValue(db.Model, _ => compile());
    }
}
