using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ledger.Workbench;

/// <summary>What the ledger's HTTP API answered: the status, the JSON body, and on refusal the problem's sentence.</summary>
public sealed record Answer(int Status, JsonNode? Body, string? Text)
{
    public bool Ok => Status is >= 200 and < 300;

    /// <summary>The refusal as a clerk reads it: the problem's <c>detail</c> (and field errors), never a trace.</summary>
    public string Refusal
    {
        get
        {
            if (Body is not JsonObject problem) return $"HTTP {Status}";
            var detail = problem["detail"]?.GetValue<string>() ?? problem["title"]?.GetValue<string>() ?? $"HTTP {Status}";
            if (problem["errors"] is JsonObject errors)
                detail += " " + string.Join(" ", errors.SelectMany(e => (e.Value is JsonArray lines ? lines.Select(l => l?.ToString()) : [e.Value?.ToString()])
                    .Select(line => $"{e.Key}: {line}")));
            return detail;
        }
    }

    public string? Code => (Body as JsonObject)?["code"]?.GetValue<string>();
}

/// <summary>
/// The workbench acts only through the ledger's own HTTP API, with the visitor's token: the pages enforce exactly the
/// contract's rules and show its refusals. The API is this very server, reached on the address it listens on.
/// </summary>
public sealed class LedgerApi(IHttpClientFactory clients, IServer server, IHttpContextAccessor accessor)
{
    public const string Client = "workbench";

    public Task<Answer> GetAsync(string path, string? token, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, token, ct);

    public Task<Answer> PostAsync(string path, JsonNode? body, string? token, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body, token, ct);

    /// <summary>The map and other non-JSON answers, passed through as they are.</summary>
    public async Task<(int Status, string ContentType, byte[] Content)> GetRawAsync(string path, string? token, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, path, null, token);
        using var response = await clients.CreateClient(Client).SendAsync(request, ct);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream",
            await response.Content.ReadAsByteArrayAsync(ct));
    }

    async Task<Answer> SendAsync(HttpMethod method, string path, JsonNode? body, string? token, CancellationToken ct)
    {
        using var request = Request(method, path, body, token);
        using var response = await clients.CreateClient(Client).SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        JsonNode? json = null;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true)
        {
            try { json = JsonNode.Parse(text); }
            catch (JsonException) { json = null; }
        }
        return new Answer((int)response.StatusCode, json, text);
    }

    HttpRequestMessage Request(HttpMethod method, string path, JsonNode? body, string? token)
    {
        var request = new HttpRequestMessage(method, new Uri(Self(), path));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return request;
    }

    /// <summary>An address this server listens on (a wildcard host read as loopback), else the one the visitor used.</summary>
    Uri Self()
    {
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (listening is not null)
        {
            var normalised = listening.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://[::1]", StringComparison.Ordinal);
            return new Uri(normalised.TrimEnd('/') + "/");
        }
        var request = accessor.HttpContext!.Request;
        return new Uri($"{request.Scheme}://{request.Host}/");
    }
}
