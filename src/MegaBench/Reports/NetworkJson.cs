using System.Text.Json;
using MegaBench.Data;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Reports;

/// <summary>
/// The JSON file of a whole network (<c>megabench export network --format json</c>): a small header and
/// the lossless <see cref="RoundDocument"/> of every round, in the order of <see cref="NetworkRounds.IdsAsync"/>.
/// </summary>
/// <remarks>
/// <para>Shape: <c>{"format":"megabench-network","formatVersion":1,"network":{name,description,isDemo},"rounds":[…]}</c>.
/// Each element of <c>rounds</c> is the document <c>export round --format json</c> writes for that round.</para>
/// <para>Both directions stream: the export loads one round at a time, and the import reads the file in
/// blocks and hands each round to <see cref="RoundImporter"/> as soon as its closing brace is read, so a
/// network of any size passes with the memory of one round. The import reads a seekable file twice: first it
/// checks every round and reports every round's problems at once, writing nothing; then it writes the rounds, each
/// checked again just before, all in one transaction: on any problem or failure nothing is written.</para>
/// </remarks>
public static class NetworkJson
{
    public const string FormatName = "megabench-network";

    public const int CurrentFormatVersion = 1;

    /// <exception cref="NetworkNotFoundException">No network has that id.</exception>
    /// <param name="progress">Told after each round: rounds written of the network's rounds.</param>
    public static async Task ExportAsync(MegaBenchDbContext db, int networkId, Stream output, CancellationToken cancellationToken, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(output);
        var roundIds = await NetworkRounds.IdsAsync(db, networkId, cancellationToken);
        var network = await db.Networks.AsNoTracking().SingleAsync(n => n.Id == networkId, cancellationToken);
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = RoundJson.Options.Encoder });
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteNumber("formatVersion", CurrentFormatVersion);
        writer.WritePropertyName("network");
        JsonSerializer.Serialize(writer, new RoundNetworkPart { Name = network.Name, Description = network.Description, IsDemo = network.IsDemo }, RoundJson.Options);
        writer.WriteStartArray("rounds");
        for (var r = 0; r < roundIds.Count; r++)
        {
            var document = await RoundExporter.BuildAsync(db, roundIds[r], cancellationToken);
            JsonSerializer.Serialize(writer, document, RoundJson.Options);
            if (writer.BytesPending > 1 << 16)
            {
                await writer.FlushAsync(cancellationToken);
            }

            progress?.Report(new WorkProgress("Exporting rounds", r + 1, roundIds.Count, "rounds"));
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        await output.WriteAsync("\n"u8.ToArray(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>Imports every round of a network file, all or nothing.</summary>
    /// <param name="progress">Told after each round: bytes of the file read (of its length when the stream can tell),
    /// then once before the final commit.</param>
    /// <returns>The number of rounds imported and the name of the network.</returns>
    /// <exception cref="RoundImportException">The file or one of its rounds has a problem; the message says which round.</exception>
    public static async Task<(int Rounds, string Network)> ImportAsync(MegaBenchDbContext db, Stream input, CancellationToken cancellationToken, IProgress<WorkProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        try
        {
            // Each round is added as one new graph and saved at once, so there is nothing for change detection to find.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            // A file that can be read twice is checked whole first, every round's problems reported at once, before
            // anything is written; the writing pass checks each round again (the database has moved on by then).
            if (input.CanSeek)
            {
                var start = input.Position;
                await ImportRoundsAsync(db, input, write: false, progress, cancellationToken);
                input.Position = start;
            }

            var result = await ImportRoundsAsync(db, input, write: true, progress, cancellationToken);
            progress?.Report(new WorkProgress("Committing", result.Rounds, result.Rounds, "rounds"));
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    /// <param name="write">False: check every round and throw every problem found at the end; true: write each round once checked.</param>
    private static async Task<(int Rounds, string Network)> ImportRoundsAsync(MegaBenchDbContext db, Stream input, bool write, IProgress<WorkProgress>? progress, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        long? length = input.CanSeek ? input.Length : null;
        await using var batch = new RoundImportBatch();
        string? format = null;
        int? version = null;
        string? networkName = null;
        var count = 0;
        await foreach (var (name, value) in ReadAsync(input, cancellationToken))
        {
            switch (name)
            {
                case "format":
                    format = JsonSerializer.Deserialize<string>(value.Span);
                    break;
                case "formatVersion":
                    version = JsonSerializer.Deserialize<int?>(value.Span);
                    break;
                case "network":
                    networkName = JsonSerializer.Deserialize<RoundNetworkPart>(value.Span, RoundJson.Options)?.Name;
                    break;
                case "rounds":
                    if (format != FormatName || version != CurrentFormatVersion)
                    {
                        throw new RoundImportException([$"The file does not start as a network file: it must begin with \"format\": \"{FormatName}\" " +
                                                        $"and \"formatVersion\": {CurrentFormatVersion} (as `megabench export network --format json` writes)."]);
                    }

                    count++;
                    try
                    {
                        if (write)
                        {
                            using var round = new MemoryStream(value.ToArray(), writable: false);
                            await RoundImporter.ImportAsync(db, round, batch, cancellationToken);
                        }
                        else
                        {
                            await RoundImporter.CheckAsync(db, value.ToArray(), batch, cancellationToken);
                        }
                    }
                    catch (RoundImportException e)
                    {
                        problems.AddRange(e.Problems.Select(p => $"Round {count} of the file: {p}"));
                        if (write)
                        {
                            throw new RoundImportException(problems);
                        }
                    }

                    db.ChangeTracker.Clear();
                    progress?.Report(new WorkProgress(write ? "Importing rounds" : "Checking rounds", input.CanSeek ? input.Position : count, length, input.CanSeek ? "bytes" : "rounds"));
                    break;
                default:
                    throw new RoundImportException([$"The network file has a property \"{name}\" that the format does not define. " +
                                                    "Expected format, formatVersion, network and rounds."]);
            }
        }

        if (format != FormatName)
        {
            throw new RoundImportException([$"This is not a network file: \"format\" must be \"{FormatName}\"."]);
        }

        if (problems.Count > 0)
        {
            throw new RoundImportException(problems);
        }

        return (count, networkName ?? "");
    }

    /// <summary>
    /// The top-level properties of a JSON object, each with the raw bytes of its value, except "rounds",
    /// whose array elements come one by one (each named "rounds"). Reads the stream in blocks.
    /// </summary>
    private static async IAsyncEnumerable<(string Name, ReadOnlyMemory<byte> Value)> ReadAsync(
        Stream input, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 16];
        var filled = 0;
        var final = false;
        var state = default(JsonReaderState);
        string? property = null;
        var inRounds = false;
        var started = false;
        var results = new List<(string, ReadOnlyMemory<byte>)>();
        while (true)
        {
            if (!final)
            {
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = await input.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                filled += read;
                final = read == 0;
            }

            var consumed = Parse(buffer.AsSpan(0, filled), final, ref state, ref property, ref inRounds, ref started, results);
            foreach (var result in results)
            {
                yield return result;
            }

            results.Clear();
            Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
            filled -= consumed;
            if (final)
            {
                if (filled > 0 && !buffer.AsSpan(0, filled).Trim(" \t\r\n"u8).IsEmpty)
                {
                    throw new RoundImportException(["The network file ends in the middle of its JSON: it is truncated or not valid JSON."]);
                }

                yield break;
            }
        }
    }

    /// <summary>Reads what the block holds completely; returns the bytes consumed.</summary>
    private static int Parse(
        ReadOnlySpan<byte> block, bool final, ref JsonReaderState state, ref string? property, ref bool inRounds, ref bool started,
        List<(string, ReadOnlyMemory<byte>)> results)
    {
        var reader = new Utf8JsonReader(block, final, state);
        var consumed = 0;
        try
        {
            while (true)
            {
                var before = reader.CurrentState;
                var beforeConsumed = (int)reader.BytesConsumed;
                if (!reader.Read())
                {
                    break;
                }

                if (!started)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new RoundImportException(["The network file must hold one JSON object."]);
                    }

                    started = true;
                }
                else if (inRounds)
                {
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        inRounds = false;
                        property = null;
                    }
                    else
                    {
                        var start = (int)reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            state = before;
                            return beforeConsumed;
                        }

                        results.Add(("rounds", block[start..(int)reader.BytesConsumed].ToArray()));
                    }
                }
                else if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    property = reader.GetString();
                }
                else if (property is not null)
                {
                    if (property == "rounds" && reader.TokenType == JsonTokenType.StartArray)
                    {
                        inRounds = true;
                    }
                    else
                    {
                        var start = (int)reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            state = before;
                            return beforeConsumed;
                        }

                        results.Add((property, block[start..(int)reader.BytesConsumed].ToArray()));
                        property = null;
                    }
                }

                consumed = (int)reader.BytesConsumed;
            }
        }
        catch (JsonException e)
        {
            throw new RoundImportException([$"The network file is not valid JSON: {e.Message}"]);
        }

        state = reader.CurrentState;
        return consumed;
    }
}
