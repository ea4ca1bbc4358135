using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MegaBench.Data;

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMegaBenchDbContext>
{
    public SqliteMegaBenchDbContext CreateDbContext(string[] args) =>
        new(DatabaseServiceCollectionExtensions.ConfigureSqlite(new DbContextOptionsBuilder<SqliteMegaBenchDbContext>(), "Data Source=design.db", "FULL").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMegaBenchDbContext>
{
    public PostgresMegaBenchDbContext CreateDbContext(string[] args) =>
        new(DatabaseServiceCollectionExtensions.ConfigurePostgres(new DbContextOptionsBuilder<PostgresMegaBenchDbContext>(), "Host=localhost;Database=design").Options);
}
