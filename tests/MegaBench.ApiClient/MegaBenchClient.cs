using System.Text.Json;
using System.Text.Json.Serialization;

namespace MegaBench.ApiClient;

public partial class MegaBenchClient
{
    /// <summary>
    /// The API's enums are camelCase strings, as the document lists them. NSwag names the members with
    /// [EnumMember], which System.Text.Json does not read, so the client reads and writes them with the same policy.
    /// </summary>
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
}
