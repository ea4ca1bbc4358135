using System.Data.Common;

namespace MegaBench.Data;

/// <summary>
/// A statement written once per EF model that the <see cref="StampReader"/> keeps prepared on its connections: how to
/// make its command, and how to run it for one argument.
/// </summary>
internal abstract class KeptQuery<TArgument, TResult>
{
    /// <summary>The statement as a command on <paramref name="connection"/>, with its parameters (values set by <see cref="ReadAsync"/>).</summary>
    public abstract DbCommand Command(DbConnection connection);

    /// <summary>Runs <paramref name="command"/> (made by <see cref="Command"/>) for <paramref name="argument"/>.</summary>
    public abstract Task<TResult> ReadAsync(DbCommand command, TArgument argument, CancellationToken cancellationToken);
}
