using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Ledger.Hosting;

namespace Ledger.Tests.Support;

/// <summary>An answer from the ledger: status, media type and the JSON body (null when empty).</summary>
public sealed record Answer(int Status, string? MediaType, JsonNode? Body, string? ETag = null, string Text = "")
{
    public string? Code => Body?["code"]?.GetValue<string>();

    public Answer ShouldBe(int status)
    {
        Assert.True(Status == status, $"expected {status}, got {Status}: {Body?.ToJsonString()}");
        return this;
    }

    public Answer ShouldBeRefused(int status, string code)
    {
        ShouldBe(status);
        Assert.Equal("application/problem+json", MediaType);
        Assert.Equal(code, Code);
        return this;
    }
}

/// <summary>Plain HTTP against the in-memory server, as any client of the contract would speak it.</summary>
public sealed class LedgerClient(HttpClient http)
{
    public async Task<Answer> SendAsync(HttpMethod method, string url, object? body = null, string? token = null,
        Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body, options: LedgerJson.Options);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        configure?.Invoke(request);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var json = text.Length > 0 && mediaType?.Contains("json", StringComparison.Ordinal) != false;
        return new Answer((int)response.StatusCode, mediaType, json ? JsonNode.Parse(text) : null, response.Headers.ETag?.ToString(), text);
    }

    public Task<Answer> PostAsync(string url, object? body, string? token) => SendAsync(HttpMethod.Post, url, body, token);

    public Task<Answer> GetAsync(string url, string? token) => SendAsync(HttpMethod.Get, url, null, token);

    public async Task<string> TokenAsync(string role, People.Person person, string? office = null)
    {
        var answer = (await PostAsync("/dev/tokens", new { role, sub = person.IdNumber, name = person.Name, office }, null)).ShouldBe(200);
        return answer.Body!["token"]!.GetValue<string>();
    }
}
