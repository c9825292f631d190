using System.Text.Json.Nodes;
using Alba;
using Bogus;

namespace Ledger.Tests.Support;

/// <summary>
/// Base of the HTTP scenarios: a clean register before each test, the office's clerk and reviewers,
/// and the steps of a registration written once (<see cref="EstablishedParcelAsync"/>, <see cref="RecordAsync"/>).
/// </summary>
[Collection(LedgerCollection.Name)]
public abstract class LedgerScenario(LedgerHost fixture) : IAsyncLifetime
{
    static int _parcelSequence;
    protected static readonly Faker Fake = new("zh_CN");

    protected IAlbaHost Host => fixture.Host;
    protected LedgerClient Ledger { get; } = new(fixture.Host.Server.CreateClient());
    protected string Clerk { get; private set; } = "";
    protected string Reviewer { get; private set; } = "";
    protected string SecondReviewer { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await fixture.ResetAsync();
        Clerk = await Ledger.TokenAsync("clerk", People.ClerkWang, People.Office);
        Reviewer = await Ledger.TokenAsync("reviewer", People.ReviewerLi, People.Office);
        SecondReviewer = await Ledger.TokenAsync("reviewer", People.ReviewerZhao, People.Office);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A fresh parcel code of the office: 110105-003-002-G-B-nnnnn-W00000000.</summary>
    protected static string NewParcelCode() => $"{People.Office}003002GB{Interlocked.Increment(ref _parcelSequence) % 99_999 + 1:D5}W00000000";

    /// <summary>The surveyed area of <see cref="Square"/>: what a clerk would declare for it.</summary>
    protected static decimal AreaOf(double lon, double lat, double side = 0.001) =>
        Math.Round((decimal)global::Ledger.Units.GeodesicArea.SquareMetres(new NetTopologySuite.Geometries.GeometryFactory().ToGeometry(
            new NetTopologySuite.Geometries.Envelope(lon, lon + side, lat, lat + side))), 2);

    protected static object Square(double lon, double lat, double side = 0.001) => new
    {
        type = "Polygon",
        coordinates = new[] { new[] { new[] { lon, lat }, new[] { lon + side, lat }, new[] { lon + side, lat + side }, new[] { lon, lat + side }, new[] { lon, lat } } },
    };

    /// <summary>A surveyed parcel; its square sits on a grid cell of its own, so parcels never overlap by chance.</summary>
    protected static object Survey(string unitCode)
    {
        var cell = int.Parse(unitCode.AsSpan(14, 5), System.Globalization.CultureInfo.InvariantCulture);
        var (lon, lat) = (116.30 + cell % 300 * 0.0015, 39.80 + cell / 300 * 0.0015);
        return new
        {
            unitCode, location = $"北京市朝阳区{Fake.Address.StreetName()}{Fake.Random.Number(1, 300)}号", area = AreaOf(lon, lat),
            use = "城镇住宅用地", geometry = Square(lon, lat),
        };
    }

    /// <summary>A parcel with a square boundary of its own at (lon, lat), its surveyed area declared.</summary>
    protected async Task<string> ParcelAtAsync(double lon, double lat, double side = 0.001)
    {
        var code = NewParcelCode();
        (await Ledger.PostAsync("/api/units", new { unitCode = code, location = "北京市朝阳区", area = AreaOf(lon, lat, side), use = "住宅用地", geometry = Square(lon, lat, side) }, Clerk))
            .ShouldBe(201);
        return code;
    }

    protected async Task<string> EstablishedParcelAsync()
    {
        var code = NewParcelCode();
        (await Ledger.PostAsync("/api/units", Survey(code), Clerk)).ShouldBe(201);
        return code;
    }

    /// <summary>The clerk and reviewer who act: the office's own (<see cref="Clerk"/>, <see cref="Reviewer"/>) unless others are given.</summary>
    protected sealed record Staff(string Clerk, string Reviewer);

    protected async Task<string> AcceptAsync(string type, string unitCode, IEnumerable<People.Person> applicants, object details, Staff? staff = null)
    {
        var answer = await Ledger.PostAsync("/api/applications",
            new { type, unitCode, applicants = applicants.Select(p => new { name = p.Name, idNumber = p.IdNumber }), details }, staff?.Clerk ?? Clerk);
        return answer.ShouldBe(201).Body!["applicationId"]!.GetValue<string>();
    }

    protected async Task ApproveAsync(string applicationId, Staff? staff = null) =>
        (await Ledger.PostAsync($"/api/applications/{applicationId}/review", new { decision = "approve", opinion = "材料齐全，符合登记条件" }, staff?.Reviewer ?? Reviewer)).ShouldBe(200);

    /// <summary>Accept, approve and record: the answer of the record step, whatever it is.</summary>
    protected async Task<Answer> RecordAsync(string type, string unitCode, IEnumerable<People.Person> applicants, object details, Staff? staff = null)
    {
        var id = await AcceptAsync(type, unitCode, applicants, details, staff);
        await ApproveAsync(id, staff);
        return await Ledger.PostAsync($"/api/applications/{id}/record", null, staff?.Reviewer ?? Reviewer);
    }

    protected static object SoleOwnership(People.Person holder, string rightType = "3") =>
        new { rightType, coOwnership = "sole", holders = new[] { new { name = holder.Name, idNumber = holder.IdNumber } } };

    protected async Task<string> RegisteredToAsync(People.Person holder)
    {
        var code = await EstablishedParcelAsync();
        (await RecordAsync("first-registration", code, [holder], SoleOwnership(holder))).ShouldBe(200);
        return code;
    }

    protected static object SaleTo(People.Person buyer, decimal price = 3_500_000m, string[]? consents = null) => new
    {
        to = new[] { new { name = buyer.Name, idNumber = buyer.IdNumber } }, coOwnership = "sole", reason = "sale", price, consents,
    };

    protected static object MortgageTo(People.Person bank, decimal amount = 2_000_000m, bool restrictsTransfer = false) => new
    {
        mortgagee = new { name = bank.Name, code = bank.IdNumber }, amount, term = new { from = "2026-12-01", to = "2046-11-30" }, restrictsTransfer,
    };

    protected async Task<JsonNode> UnitAsync(string code, string? asOf = null) =>
        (await Ledger.GetAsync($"/api/units/{code}" + (asOf is null ? "" : $"?asOf={Uri.EscapeDataString(asOf)}"), Clerk)).ShouldBe(200).Body!;
}
