using MegaBench.Data;

var builder = WebApplication.CreateBuilder(args);
var databaseOptions = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
builder.Services.AddMegaBenchDatabase(databaseOptions);

var app = builder.Build();
app.MapGet("/health", () => "ok");
app.Run();

public partial class Program;
