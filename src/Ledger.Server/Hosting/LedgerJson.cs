using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Serialization;
using NetTopologySuite.IO.Converters;

namespace Ledger.Hosting;

/// <summary>One JSON dialect for the events, the stored views and the HTTP contract (API.md conventions).</summary>
public static class LedgerJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.RemoveAll(c => c is JsonStringEnumConverter);
        options.Converters.Insert(0, new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        if (!options.Converters.Any(c => c is GeoJsonConverterFactory))
            options.Converters.Add(new GeoJsonConverterFactory());
        // jsonb reorders keys, so a type discriminator may arrive anywhere in the object.
        options.AllowOutOfOrderMetadataProperties = true;
        // Names and addresses are Chinese: write them as they are, not as \u escapes.
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
    }

    public static JsonSerializerOptions Options { get; } = Create();

    static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }

    static void RemoveAll(this IList<JsonConverter> converters, Func<JsonConverter, bool> match)
    {
        for (var i = converters.Count - 1; i >= 0; i--)
            if (match(converters[i])) converters.RemoveAt(i);
    }
}
