using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ledger.Hosting;
using Ledger.Tests.Support;
using Marten;

namespace Ledger.Tests.Contracts;

/// <summary>
/// specs/access.md is the table endpoint × caller → answer. This walks every cell of it against the running
/// server, so that the table and the server cannot drift apart; and it holds the table to specs/openapi.json.
/// </summary>
public sealed partial class when_walking_the_access_table(LedgerHost fixture) : LedgerScenario(fixture)
{
    /// <summary>Served by the host but not part of the OpenAPI document: the only rows allowed without it.</summary>
    static readonly string[] OutsideOpenApi = ["GET /openapi/v1.json", "GET /docs"];

    public sealed record Cell(string Endpoint, string Caller, int Status, string? Code);

    /// <summary>The table of specs/access.md: its caller columns and one cell per endpoint and caller.</summary>
    static (IReadOnlyList<string> Callers, IReadOnlyList<Cell> Cells) ReadTable()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "specs", "access.md"));
        var header = lines.Single(l => l.StartsWith("| endpoint |", StringComparison.Ordinal));
        var callers = Split(header).Skip(1).ToList();
        var cells = new List<Cell>();
        foreach (var line in lines.Where(l => EndpointCell().IsMatch(l)))
        {
            var columns = Split(line);
            var endpoint = EndpointCell().Match(line).Groups[1].Value;
            Assert.True(columns.Count == callers.Count + 1, $"specs/access.md: the row of {endpoint} has {columns.Count - 1} cells for {callers.Count} callers.");
            for (var i = 0; i < callers.Count; i++)
            {
                var m = Outcome().Match(columns[i + 1]);
                Assert.True(m.Success, $"specs/access.md: {endpoint} as {callers[i]}: \"{columns[i + 1]}\" is not \"status\" or \"status code\".");
                var status = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                var code = m.Groups[2].Success ? m.Groups[2].Value : null;
                Assert.True(status < 400 || code is not null, $"specs/access.md: {endpoint} as {callers[i]}: a refusal names its code.");
                // For an answer, the word after the status is the view it must carry (GET /api/units/{unitCode}).
                cells.Add(new Cell(endpoint, callers[i], status, code));
            }
        }
        return (callers, cells);
    }

    static List<string> Split(string row) => [.. row.Trim().Trim('|').Split('|').Select(c => c.Trim())];

    static HashSet<string> OpenApiEndpoints()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "specs", "openapi.json")));
        return [.. document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => $"{method.Name.ToUpperInvariant()} {path.Name}"))];
    }

    [Fact]
    public void every_endpoint_of_the_openapi_document_has_its_rows()
    {
        var rows = ReadTable().Cells.Select(c => c.Endpoint).ToHashSet();
        var missing = OpenApiEndpoints().Where(e => !rows.Contains(e)).Order().ToList();
        Assert.True(missing.Count == 0, $"specs/access.md has no row for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void every_row_names_an_endpoint_the_server_has()
    {
        var known = OpenApiEndpoints().Concat(OutsideOpenApi).ToHashSet();
        var (callers, cells) = ReadTable();
        var unknown = cells.Select(c => c.Endpoint).Distinct().Where(e => !known.Contains(e)).ToList();
        Assert.True(unknown.Count == 0, $"specs/access.md names endpoints the server does not have: {string.Join(", ", unknown)}");
        var twice = cells.GroupBy(c => c.Endpoint).Where(g => g.Count() > callers.Count).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"specs/access.md has more than one row for: {string.Join(", ", twice)}");
    }

    [Fact]
    public void every_caller_of_the_table_is_one_the_walk_knows()
    {
        var unknown = ReadTable().Callers.Where(c => c != "anon" && !Callers.ContainsKey(c)).ToList();
        Assert.True(unknown.Count == 0, $"specs/access.md has caller columns the walk cannot act as: {string.Join(", ", unknown)}");
    }

    /// <summary>Each caller column: role, person, office (clerks and reviewers).</summary>
    static readonly Dictionary<string, (string Role, People.Person Person, string? Office)> Callers = new()
    {
        ["clerk"] = ("clerk", People.ClerkWang, People.Office),
        ["clerk-x"] = ("clerk", new People.Person("孙丽", "340121198203030027"), People.OtherOffice),
        ["rev"] = ("reviewer", People.ReviewerLi, People.Office),
        ["rev-x"] = ("reviewer", new People.Person("周杰", "340121197707070012"), People.OtherOffice),
        ["holder"] = ("holder", People.ZhangSan, null),
        ["holder-x"] = ("holder", People.LiSi, null),
        ["party+"] = ("party", People.WangWu, null),
        ["party"] = ("party", People.WangWu, null),
        ["prospect"] = ("prospect", new People.Person("钱多", "110105199303030015"), null),
        ["agency"] = ("agency", new People.Person("北京市朝阳区人民法院", "11110000000021135M"), null),
        ["tax"] = ("tax", new People.Person("国家税务总局北京市朝阳区税务局", "11110105MB0000001X"), null),
        ["bank"] = ("bank", People.Bank, null),
        ["auditor"] = ("auditor", new People.Person("审计员陈", "110105197001010019"), null),
    };

    /// <summary>Who may see a person's whole identity number: the person, the office's staff, auditors (API.md "Units").</summary>
    static readonly string[] SeeWholeIdNumbers = ["holder", "clerk", "rev", "auditor"];

    /// <summary>The register every cell is asked against.</summary>
    sealed record Register(string Unit, string OtherUnit, string Vacant, string Certificate, string Pending);

    sealed record Request(HttpMethod Method, string Url, object? Body = null);

    /// <summary>How each row's request is built on the register; a write prepares what it needs afresh for each cell.</summary>
    Dictionary<string, Func<Register, Task<Request>>> Requests() => new()
    {
        ["POST /api/units"] = _ => Task.FromResult(new Request(HttpMethod.Post, "/api/units", Survey(NewParcelCode()))),
        ["GET /api/units/{unitCode}"] = r => Get($"/api/units/{r.Unit}"),
        ["GET /api/units/{unitCode}/history"] = r => Get($"/api/units/{r.Unit}/history"),
        ["GET /api/units/{unitCode}/map.svg"] = r => Get($"/api/units/{r.Unit}/map.svg"),
        ["GET /api/units"] = r => Get($"/api/units?point={PointIn(r.Unit)}"),
        ["GET /api/units/{unitCode}/queries"] = r => Get($"/api/units/{r.Unit}/queries"),
        // The holder column's own number: the person asking about themself.
        ["GET /api/holders/{idNumber}/units"] = _ => Get($"/api/holders/{Callers["holder"].Person.IdNumber}/units"),
        ["POST /api/applications"] = r => Task.FromResult(new Request(HttpMethod.Post, "/api/applications", FirstRegistration(r.Vacant))),
        ["GET /api/applications"] = _ => Get("/api/applications?status=pending"),
        ["GET /api/applications/{id}"] = r => Get($"/api/applications/{r.Pending}"),
        ["POST /api/applications/{id}/review"] = async r =>
            new Request(HttpMethod.Post, $"/api/applications/{await AcceptOnAsync(r.Vacant)}/review", new { decision = "approve", opinion = "材料齐全，符合登记条件" }),
        ["POST /api/applications/{id}/record"] = async _ =>
        {
            var id = await AcceptOnAsync(await EstablishedParcelAsync());
            await ApproveAsync(id);
            return new Request(HttpMethod.Post, $"/api/applications/{id}/record");
        },
        ["POST /api/applications/{id}/withdraw"] = async r =>
            new Request(HttpMethod.Post, $"/api/applications/{await AcceptOnAsync(r.Vacant)}/withdraw", new { reason = "申请人撤回" }),
        ["GET /api/certificates/{number}"] = r => Get($"/api/certificates/{Uri.EscapeDataString(r.Certificate)}"),
        ["GET /api/feeds/tax"] = _ => Get("/api/feeds/tax?start=beginning"),
        ["GET /api/feeds/bank"] = _ => Get("/api/feeds/bank"),
        ["GET /api/stats/transactions"] = _ => Get("/api/stats/transactions"),
        ["GET /ogc"] = _ => Get("/ogc"),
        ["GET /ogc/conformance"] = _ => Get("/ogc/conformance"),
        ["GET /ogc/collections"] = _ => Get("/ogc/collections"),
        ["GET /ogc/collections/{collectionId}"] = _ => Get("/ogc/collections/parcels"),
        ["GET /ogc/collections/{collectionId}/items"] = _ => Get("/ogc/collections/parcels/items?limit=10"),
        ["GET /ogc/collections/{collectionId}/items/{featureId}"] = r => Get($"/ogc/collections/parcels/items/{r.Unit}"),
        // The log follows the events asynchronously: these ask once it has signed the prepared register.
        ["GET /api/integrity/checkpoint"] = async _ => { await SignedAsync(); return await Get("/api/integrity/checkpoint"); },
        ["GET /api/integrity/leaves"] = async _ => { await SignedAsync(); return await Get("/api/integrity/leaves?from=0&count=10"); },
        ["GET /api/integrity/proofs/inclusion"] = async _ => { await SignedAsync(); return await Get("/api/integrity/proofs/inclusion?index=0&treeSize=2"); },
        ["GET /api/integrity/proofs/consistency"] = async _ => { await SignedAsync(); return await Get("/api/integrity/proofs/consistency?from=1&to=2"); },
        ["GET /api/units/{unitCode}/proof"] = r => Get($"/api/units/{r.Unit}/proof"),
        ["POST /dev/tokens"] = _ => Task.FromResult(new Request(HttpMethod.Post, "/dev/tokens",
            new { role = "prospect", sub = "110105199303030015", name = "钱多" })),
        ["GET /health"] = _ => Get("/health"),
        ["GET /openapi/v1.json"] = _ => Get("/openapi/v1.json"),
        // /docs redirects to the reference page itself.
        ["GET /docs"] = _ => Get("/docs/"),
    };

    /// <summary>Until a checkpoint covers at least two leaves (the first unit's establishment and its registration).</summary>
    async Task SignedAsync()
    {
        var auditor = await Ledger.TokenAsync("auditor", Callers["auditor"].Person);
        for (var tries = 0; tries < 300; tries++)
        {
            var answer = await Ledger.GetAsync("/api/integrity/checkpoint", auditor);
            if (answer.Status == 200 && answer.Body!["treeSize"]!.GetValue<long>() >= 2) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("The integrity log signed no checkpoint of the prepared register within 30 s.");
    }

    static Task<Request> Get(string url) => Task.FromResult(new Request(HttpMethod.Get, url));

    static object FirstRegistration(string unitCode) => new
    {
        type = "first-registration", unitCode, applicants = new[] { new { name = People.ZhangSan.Name, idNumber = People.ZhangSan.IdNumber } },
        details = SoleOwnership(People.ZhangSan),
    };

    async Task<string> AcceptOnAsync(string unitCode)
    {
        var answer = await Ledger.PostAsync("/api/applications", FirstRegistration(unitCode), Clerk);
        return answer.ShouldBe(201).Body!["applicationId"]!.GetValue<string>();
    }

    /// <summary>A point inside the square <see cref="LedgerScenario"/> surveys for a parcel code.</summary>
    static string PointIn(string unitCode)
    {
        var cell = int.Parse(unitCode.AsSpan(14, 5), CultureInfo.InvariantCulture);
        var (lon, lat) = (116.30 + cell % 300 * 0.0015 + 0.0005, 39.80 + cell / 300 * 0.0015 + 0.0005);
        return string.Create(CultureInfo.InvariantCulture, $"{lon},{lat}");
    }

    async Task<Register> PrepareAsync()
    {
        var unit = await EstablishedParcelAsync();
        var recorded = (await RecordAsync("first-registration", unit, [People.ZhangSan], SoleOwnership(People.ZhangSan))).ShouldBe(200);
        var other = await RegisteredToAsync(People.LiSi);
        var vacant = await EstablishedParcelAsync();
        var pending = await AcceptAsync("mortgage", unit, [People.ZhangSan], MortgageTo(People.Bank));
        return new Register(unit, other, vacant, recorded.Body!["certificateNumber"]!.GetValue<string>(), pending);
    }

    async Task<(long Events, long Streams)> StoredAsync()
    {
        var statistics = await Host.Services.GetRequiredService<IDocumentStore>().Advanced.FetchEventStoreStatistics();
        return (statistics.EventCount, statistics.StreamCount);
    }

    [Fact]
    public async Task every_cell_answers_as_the_table_says_and_a_refused_write_stores_nothing()
    {
        var (callers, cells) = ReadTable();
        var register = await PrepareAsync();
        var requests = Requests();
        var tokens = new Dictionary<string, string?> { ["anon"] = null };
        foreach (var caller in callers.Where(c => c != "anon"))
        {
            var (role, person, office) = Callers[caller];
            tokens[caller] = await Ledger.TokenAsync(role, person, office);
        }

        var http = Host.Server.CreateClient();
        var failures = new List<string>();
        foreach (var cell in cells)
        {
            var where = $"{cell.Endpoint} as {cell.Caller}";
            if (!requests.TryGetValue(cell.Endpoint, out var build))
            {
                failures.Add($"{where}: the walk has no request for this endpoint (add it to Requests)");
                continue;
            }
            var request = await build(register);
            var url = cell.Caller == "party+" ? request.Url + (request.Url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "purpose=" + Uri.EscapeDataString("购房合同买受人核实产权") : request.Url;
            var before = await StoredAsync();

            using var message = new HttpRequestMessage(request.Method, url);
            if (request.Body is not null) message.Content = JsonContent.Create(request.Body, options: LedgerJson.Options);
            if (tokens[cell.Caller] is { } token) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(message);
            var media = response.Content.Headers.ContentType?.MediaType;
            var text = await response.Content.ReadAsStringAsync();
            var code = media == "application/problem+json" ? JsonNode.Parse(text)?["code"]?.GetValue<string>() : null;
            var status = (int)response.StatusCode;

            var view = status < 400 && media == "application/json" && JsonNode.Parse(text) is JsonObject answer ? answer["view"]?.GetValue<string>() : null;
            if (status != cell.Status || (cell.Code is not null && (status >= 400 ? code : view) != cell.Code))
                failures.Add($"{where}: expected {cell.Status} {cell.Code}, got {status} {(status >= 400 ? code : view)} {(status >= 400 ? text : "")}".TrimEnd());
            else if (text.Contains(People.ZhangSan.IdNumber, StringComparison.OrdinalIgnoreCase) && !SeeWholeIdNumbers.Contains(cell.Caller))
                failures.Add($"{where}: the answer shows the holder's whole identity number");
            else if (status >= 400 && media != "application/problem+json")
                failures.Add($"{where}: the refusal is {media}, not application/problem+json");
            else if (status >= 400 && request.Method == HttpMethod.Post && await StoredAsync() != before)
                failures.Add($"{where}: refused with {status} {code}, yet the event store changed");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {cells.Count} cells of specs/access.md disagree with the server:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task a_holder_reads_the_files_of_their_unit_with_everyone_elses_numbers_masked()
    {
        var unit = await RegisteredToAsync(People.ZhangSan);
        var sale = await AcceptAsync("transfer", unit, [People.ZhangSan], SaleTo(People.LiSi));
        var holder = await Ledger.TokenAsync("holder", People.ZhangSan);

        var file = (await Ledger.GetAsync($"/api/applications/{sale}", holder)).ShouldBe(200).Body!.ToJsonString();
        Assert.Contains(People.ZhangSan.IdNumber, file, StringComparison.Ordinal);
        Assert.DoesNotContain(People.LiSi.IdNumber, file, StringComparison.Ordinal);
        Assert.Contains(global::Ledger.Values.PartyNumber.Mask(People.LiSi.IdNumber), file, StringComparison.Ordinal);
        Assert.Contains(People.LiSi.IdNumber, (await Ledger.GetAsync($"/api/applications/{sale}", Clerk)).ShouldBe(200).Body!.ToJsonString(), StringComparison.Ordinal);

        var buyer = await Ledger.TokenAsync("holder", People.LiSi);
        (await Ledger.GetAsync($"/api/applications/{sale}", buyer)).ShouldBeRefused(403, "not-allowed-to-view");
    }

    [GeneratedRegex(@"^\|\s*`([A-Z]+ /[^`]*)`\s*\|")]
    private static partial Regex EndpointCell();

    [GeneratedRegex(@"^(\d{3})(?:\s+([a-z][a-z-]*))?$")]
    private static partial Regex Outcome();
}
