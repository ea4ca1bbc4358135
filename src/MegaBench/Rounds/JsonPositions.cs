using System.Text.Json;

namespace MegaBench.Rounds;

/// <summary>
/// The line of every property and list item of a JSON text, by JSON path (<c>$.organisations[3].name</c>), so
/// that a problem found after parsing can say where it is in the file.
/// </summary>
internal sealed class JsonPositions
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    /// <summary>Reads the positions of a text already known to be valid JSON.</summary>
    public static JsonPositions Read(ReadOnlySpan<byte> json)
    {
        var positions = new JsonPositions();
        var lineStarts = new List<long> { 0 };
        for (var i = 0; i < json.Length; i++)
        {
            if (json[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        int LineAt(long offset)
        {
            var index = lineStarts.BinarySearch(offset);
            return (index >= 0 ? index : ~index - 1) + 1;
        }

        var containers = new Stack<Container>();
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var owner = containers.Peek();
                    owner.Property = reader.GetString();
                    positions._lines.TryAdd($"{owner.Path}.{owner.Property}", LineAt(reader.TokenStartIndex));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    containers.Pop();
                    break;
                default:
                    string path;
                    if (containers.Count == 0)
                    {
                        path = "$";
                        positions._lines.TryAdd(path, LineAt(reader.TokenStartIndex));
                    }
                    else if (containers.Peek() is { IsList: true } list)
                    {
                        path = $"{list.Path}[{list.Count++}]";
                        positions._lines.TryAdd(path, LineAt(reader.TokenStartIndex));
                    }
                    else
                    {
                        // An object's member: its line is the line of its name, recorded above.
                        path = $"{containers.Peek().Path}.{containers.Peek().Property}";
                    }

                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        containers.Push(new Container(path, reader.TokenType == JsonTokenType.StartArray));
                    }

                    break;
            }
        }

        return positions;
    }

    /// <summary>The line of <paramref name="path"/>, or of the nearest enclosing item that is in the file (a missing field: its object).</summary>
    public int? LineOf(string path)
    {
        while (path.Length > 0)
        {
            if (_lines.TryGetValue(path, out var line))
            {
                return line;
            }

            var cut = path.LastIndexOfAny(['.', '[']);
            if (cut <= 0)
            {
                return null;
            }

            path = path[..cut];
        }

        return null;
    }

    private sealed class Container(string path, bool isList)
    {
        public string Path { get; } = path;

        public bool IsList { get; } = isList;

        public int Count { get; set; }

        public string? Property { get; set; }
    }
}
