using System.Text.Json.Nodes;
using Ledger.Tests.Support;
using NetTopologySuite.Geometries;

namespace Ledger.Tests.Scenarios;

public sealed class when_splitting_and_merging_units(LedgerHost host) : LedgerScenario(host)
{
    const double Lon = 117.10, Lat = 39.10, Side = 0.001;

    static object Rect(double x1, double y1, double x2, double y2) => new
    {
        type = "Polygon",
        coordinates = new[] { new[] { new[] { x1, y1 }, new[] { x2, y1 }, new[] { x2, y2 }, new[] { x1, y2 }, new[] { x1, y1 } } },
    };

    static decimal AreaOfRect(double x1, double y1, double x2, double y2) =>
        Math.Round((decimal)global::Ledger.Units.GeodesicArea.SquareMetres(new GeometryFactory().ToGeometry(new Envelope(x1, x2, y1, y2))), 2);

    static object Part(string unitCode, double x1, double y1, double x2, double y2) =>
        new { unitCode, geometry = Rect(x1, y1, x2, y2), area = AreaOfRect(x1, y1, x2, y2) };

    /// <summary>The west and east halves of the square parcel at (lon, lat).</summary>
    static (object West, object East, string WestCode, string EastCode) Halves(double lon = Lon, double lat = Lat)
    {
        var (west, east) = (NewParcelCode(), NewParcelCode());
        return (Part(west, lon, lat, lon + Side / 2, lat + Side), Part(east, lon + Side / 2, lat, lon + Side, lat + Side), west, east);
    }

    async Task<string> RegisteredParcelAtAsync(double lon, double lat, People.Person holder)
    {
        var code = await ParcelAtAsync(lon, lat, Side);
        (await RecordAsync("first-registration", code, [holder], SoleOwnership(holder))).ShouldBe(200);
        return code;
    }

    /// <summary>Taken in, approved, refused at recording, then withdrawn so that it no longer holds the unit's queue.</summary>
    async Task<Answer> RefusedAsync(string type, string unitCode, People.Person[] applicants, object details, int status, string code)
    {
        var id = await AcceptAsync(type, unitCode, applicants, details);
        await ApproveAsync(id);
        var refused = (await Ledger.PostAsync($"/api/applications/{id}/record", null, Reviewer)).ShouldBeRefused(status, code);
        (await Ledger.PostAsync($"/api/applications/{id}/withdraw", new { reason = "申请人撤回" }, Clerk)).ShouldBe(200);
        return refused;
    }

    static string Text(JsonNode? node) => node!.GetValue<string>();

    static IEnumerable<string> Texts(JsonNode? array) => array!.AsArray().Select(Text);

    [Fact]
    public async Task the_parts_become_new_units_carrying_the_right_and_the_mortgage_and_the_parent_closes()
    {
        var parent = await RegisteredParcelAtAsync(Lon, Lat, People.ZhangSan);
        var proof = Text((await RecordAsync("mortgage", parent, [People.ZhangSan], MortgageTo(People.Bank))).ShouldBe(200).Body!["proofNumber"]);
        var oldCertificate = Text((await UnitAsync(parent))["ownership"]!["certificateNumber"]);
        var (west, east, westCode, eastCode) = Halves();

        var recorded = (await RecordAsync("split", parent, [People.ZhangSan], new { parts = new[] { west, east } })).ShouldBe(200).Body!;
        var certificates = Texts(recorded["certificateNumbers"]).ToList();
        Assert.Equal(2, certificates.Distinct().Count());
        Assert.Equal(certificates[0], Text(recorded["certificateNumber"]));

        var closed = await UnitAsync(parent);
        Assert.Equal("split", Text(closed["status"]));
        // The holder holds the parts now, not the closed parent, each under its new certificate.
        var held = (await Ledger.GetAsync($"/api/holders/{People.ZhangSan.IdNumber}/units", await Ledger.TokenAsync("holder", People.ZhangSan))).ShouldBe(200).Body!.AsArray();
        Assert.Equal(new[] { westCode, eastCode }.Order(StringComparer.Ordinal), held.Select(u => Text(u!["unitCode"])));
        Assert.Equal(certificates.Order(StringComparer.Ordinal), held.Select(u => Text(u!["certificateNumber"])).Order(StringComparer.Ordinal));
        Assert.Equal([westCode, eastCode], Texts(closed["lineage"]!["children"]));
        foreach (var (code, certificate) in new[] { (westCode, certificates[0]), (eastCode, certificates[1]) })
        {
            var part = await UnitAsync(code);
            Assert.Equal("registered", Text(part["status"]));
            Assert.Equal([parent], Texts(part["lineage"]!["parents"]));
            Assert.Equal(People.ZhangSan.Name, Text(part["ownership"]!["holders"]![0]!["name"]));
            Assert.Equal(certificate, Text(part["ownership"]!["certificateNumber"]));
            Assert.Equal(proof, Text(part["mortgages"]![0]!["proofNumber"]));
            Assert.True((await Ledger.GetAsync($"/api/certificates/{Uri.EscapeDataString(certificate)}", Clerk)).ShouldBe(200).Body!["valid"]!.GetValue<bool>());
        }

        var old = (await Ledger.GetAsync($"/api/certificates/{Uri.EscapeDataString(oldCertificate)}", Clerk)).ShouldBe(200).Body!;
        Assert.False(old["valid"]!.GetValue<bool>());
        Assert.Equal(certificates, Texts(old["supersededByAll"]));
        // The mortgage burdens each part: its proof stays good although the unit it was recorded on is closed.
        Assert.True((await Ledger.GetAsync($"/api/certificates/{Uri.EscapeDataString(proof)}", Clerk)).ShouldBe(200).Body!["valid"]!.GetValue<bool>());

        // "What is here" now answers with the part, not the closed parent.
        var here = (await Ledger.GetAsync($"/api/units?point={Lon + Side / 4},{Lat + Side / 2}", Clerk)).ShouldBe(200).Body!;
        Assert.Equal([westCode], here["items"]!.AsArray().Select(i => Text(i!["unitCode"])));
        Assert.Equal("unit-derived", Text((await Ledger.GetAsync($"/api/units/{westCode}/history", Clerk)).ShouldBe(200).Body!["events"]![0]!["type"]));
    }

    [Fact]
    public async Task a_mortgage_carried_to_the_parts_is_discharged_on_all_of_them_at_once()
    {
        var parent = await RegisteredParcelAtAsync(Lon, Lat, People.ZhangSan);
        (await RecordAsync("mortgage", parent, [People.ZhangSan], MortgageTo(People.Bank))).ShouldBe(200);
        var (west, east, westCode, eastCode) = Halves();
        (await RecordAsync("split", parent, [People.ZhangSan], new { parts = new[] { west, east } })).ShouldBe(200);

        var mortgageId = Text((await UnitAsync(westCode))["mortgages"]![0]!["mortgageId"]);
        (await RecordAsync("mortgage-discharge", westCode, [People.Bank], new { mortgageId })).ShouldBe(200);
        Assert.Empty((await UnitAsync(westCode))["mortgages"]!.AsArray());
        Assert.Empty((await UnitAsync(eastCode))["mortgages"]!.AsArray());
    }

    [Fact]
    public async Task the_closed_parent_takes_only_corrections()
    {
        var parent = await RegisteredParcelAtAsync(Lon, Lat, People.ZhangSan);
        var (west, east, westCode, eastCode) = Halves();
        (await RecordAsync("split", parent, [People.ZhangSan], new { parts = new[] { west, east } })).ShouldBe(200);

        var refused = (await Ledger.PostAsync("/api/applications",
            new { type = "transfer", unitCode = parent, applicants = new[] { new { name = People.ZhangSan.Name, idNumber = People.ZhangSan.IdNumber } }, details = SaleTo(People.LiSi) },
            Clerk)).ShouldBeRefused(409, "unit-closed");
        Assert.Contains(westCode, Text(refused.Body!["detail"]), StringComparison.Ordinal);
        Assert.Contains(eastCode, Text(refused.Body!["detail"]), StringComparison.Ordinal);

        (await RecordAsync("correction", parent, [People.ZhangSan], new { correctsVersion = 1, basis = "ex-officio", corrected = new { location = "北京市朝阳区更正路1号" } }))
            .ShouldBe(200);
        Assert.Equal("北京市朝阳区更正路1号", Text((await UnitAsync(parent))["location"]));
    }

    [Fact]
    public async Task parts_with_a_gap_or_an_overlap_are_refused_at_the_counter_and_nothing_is_taken_in()
    {
        var parent = await RegisteredParcelAtAsync(Lon, Lat, People.ZhangSan);
        var (westCode, eastCode) = (NewParcelCode(), NewParcelCode());
        var applicants = new[] { new { name = People.ZhangSan.Name, idNumber = People.ZhangSan.IdNumber } };

        // The east part starts 9 cm short of the west part's edge: a strip of about 10 m² is covered by no part.
        var gap = new { parts = new[] { Part(westCode, Lon, Lat, Lon + Side / 2, Lat + Side), Part(eastCode, Lon + Side / 2 + 0.000_001, Lat, Lon + Side, Lat + Side) } };
        var answer = (await Ledger.PostAsync("/api/applications", new { type = "split", unitCode = parent, applicants, details = gap }, Clerk))
            .ShouldBeRefused(400, "parts-do-not-tile");
        Assert.Contains("covered by no part", Text(answer.Body!["detail"]), StringComparison.Ordinal);

        var overlap = new { parts = new[] { Part(westCode, Lon, Lat, Lon + Side * 0.6, Lat + Side), Part(eastCode, Lon + Side / 2, Lat, Lon + Side, Lat + Side) } };
        answer = (await Ledger.PostAsync("/api/applications", new { type = "split", unitCode = parent, applicants, details = overlap }, Clerk))
            .ShouldBeRefused(400, "parts-do-not-tile");
        Assert.Contains($"{westCode} and {eastCode} overlap", Text(answer.Body!["detail"]), StringComparison.Ordinal);

        Assert.Empty((await UnitAsync(parent))["pendingApplications"]!.AsArray());
        (await Ledger.GetAsync($"/api/units/{westCode}", Clerk)).ShouldBeRefused(404, "unit-not-found");
    }

    [Fact]
    public async Task a_part_must_stay_in_the_sub_district_and_bring_a_true_boundary()
    {
        var parent = await RegisteredParcelAtAsync(Lon, Lat, People.ZhangSan);
        var (west, east, _, eastCode) = Halves();
        var applicants = new[] { new { name = People.ZhangSan.Name, idNumber = People.ZhangSan.IdNumber } };
        async Task<Answer> Split(object details) =>
            await Ledger.PostAsync("/api/applications", new { type = "split", unitCode = parent, applicants, details }, Clerk);

        var elsewhere = $"{People.Office}004001GB00001W00000000";
        (await Split(new { parts = new[] { west, Part(elsewhere, Lon + Side / 2, Lat, Lon + Side, Lat + Side) } })).ShouldBeRefused(400, "invalid-application");
        var bowTie = new { type = "Polygon", coordinates = new[] { new[] { new[] { Lon + Side / 2, Lat }, new[] { Lon + Side, Lat + Side }, new[] { Lon + Side, Lat }, new[] { Lon + Side / 2, Lat + Side }, new[] { Lon + Side / 2, Lat } } } };
        (await Split(new { parts = new[] { west, new { unitCode = eastCode, geometry = bowTie, area = 100m } } })).ShouldBeRefused(400, "invalid-geometry");
        (await Split(new { parts = new[] { west, new { unitCode = eastCode, geometry = Rect(Lon + Side / 2, Lat, Lon + Side, Lat + Side), area = 9_999m } } }))
            .ShouldBeRefused(400, "area-mismatch");
        (await Split(new { parts = new[] { west } })).ShouldBeRefused(400, "invalid-application");
        (await Split(new { parts = new[] { west, east } })).ShouldBe(201);
    }

    [Fact]
    public async Task a_seized_unit_is_not_split_and_a_taken_code_is_not_reused()
    {
        var parent = await RegisteredParcelAtAsync(Lon, Lat, People.ZhangSan);
        var taken = await ParcelAtAsync(Lon + 0.01, Lat, Side);
        var (west, _, _, _) = Halves();
        var onTaken = Part(taken, Lon + Side / 2, Lat, Lon + Side, Lat + Side);
        await RefusedAsync("split", parent, [People.ZhangSan], new { parts = new[] { west, onTaken } }, 409, "unit-exists");

        var court = new People.Person("北京市朝阳区人民法院", "11110000000021135M");
        (await RecordAsync("seizure", parent, [court], new { court = court.Name, caseNumber = "(2026)京0105执21号" })).ShouldBe(200);
        var (west2, east2, _, _) = Halves();
        (await RecordAsync("split", parent, [People.ZhangSan], new { parts = new[] { west2, east2 } })).ShouldBeRefused(409, "unit-seized");
        Assert.Equal("registered", Text((await UnitAsync(parent))["status"]));
    }

    [Fact]
    public async Task a_mortgage_that_also_burdens_a_unit_outside_the_split_must_be_dealt_with_first()
    {
        var parent = await RegisteredParcelAtAsync(Lon, Lat, People.ZhangSan);
        var other = await RegisteredParcelAtAsync(Lon + 0.01, Lat, People.ZhangSan);
        (await RecordAsync("mortgage", parent, [People.ZhangSan], new
        {
            mortgagee = new { name = People.Bank.Name, code = People.Bank.IdNumber }, maximumAmount = 8_000_000m,
            term = new { from = "2026-12-01", to = "2031-11-30" }, restrictsTransfer = false, alsoUnitCodes = new[] { other },
        })).ShouldBe(200);
        var (west, east, _, _) = Halves();
        var refused = (await RecordAsync("split", parent, [People.ZhangSan], new { parts = new[] { west, east } })).ShouldBeRefused(409, "mortgage-over-other-units");
        Assert.Contains(other, Text(refused.Body!["detail"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task adjacent_units_of_the_same_holder_merge_into_one_new_unit_under_one_certificate()
    {
        var west = await RegisteredParcelAtAsync(Lon, Lat, People.ZhangSan);
        var east = await RegisteredParcelAtAsync(Lon + Side, Lat, People.ZhangSan);
        var westCertificate = Text((await UnitAsync(west))["ownership"]!["certificateNumber"]);
        var into = NewParcelCode();

        var recorded = (await RecordAsync("merge", west, [People.ZhangSan],
            new { unitCodes = new[] { east }, into = Part(into, Lon, Lat, Lon + 2 * Side, Lat + Side) })).ShouldBe(200).Body!;
        var certificate = Text(recorded["certificateNumber"]);

        var merged = await UnitAsync(into);
        Assert.Equal([west, east], Texts(merged["lineage"]!["parents"]));
        Assert.Equal(certificate, Text(merged["ownership"]!["certificateNumber"]));
        Assert.Equal(People.ZhangSan.Name, Text(merged["ownership"]!["holders"]![0]!["name"]));
        foreach (var code in new[] { west, east })
        {
            var parent = await UnitAsync(code);
            Assert.Equal("merged", Text(parent["status"]));
            Assert.Equal([into], Texts(parent["lineage"]!["children"]));
        }
        var held = (await Ledger.GetAsync($"/api/holders/{People.ZhangSan.IdNumber}/units", await Ledger.TokenAsync("holder", People.ZhangSan))).ShouldBe(200).Body!.AsArray();
        Assert.Equal(into, Text(Assert.Single(held)!["unitCode"]));
        var old = (await Ledger.GetAsync($"/api/certificates/{Uri.EscapeDataString(westCertificate)}", Clerk)).ShouldBe(200).Body!;
        Assert.False(old["valid"]!.GetValue<bool>());
        Assert.Equal(certificate, Text(old["supersededBy"]));
    }

    [Fact]
    public async Task units_of_different_holders_apart_or_misdrawn_are_not_merged()
    {
        var west = await RegisteredParcelAtAsync(Lon, Lat, People.ZhangSan);
        var fits = Part(NewParcelCode(), Lon, Lat, Lon + 2 * Side, Lat + Side);

        var east = await RegisteredParcelAtAsync(Lon + Side, Lat, People.LiSi);
        await RefusedAsync("merge", west, [People.ZhangSan, People.LiSi], new { unitCodes = new[] { east }, into = fits }, 409, "merge-rights-differ");
        var apart = await RegisteredParcelAtAsync(Lon + 0.01, Lat, People.ZhangSan);
        await RefusedAsync("merge", west, [People.ZhangSan], new { unitCodes = new[] { apart }, into = fits }, 409, "units-not-adjacent");
        var corner = await RegisteredParcelAtAsync(Lon - Side, Lat - Side, People.ZhangSan);
        await RefusedAsync("merge", west, [People.ZhangSan], new { unitCodes = new[] { corner }, into = fits }, 409, "units-not-adjacent");
        var south = await RegisteredParcelAtAsync(Lon, Lat - Side, People.ZhangSan);
        var misdrawn = Part(NewParcelCode(), Lon, Lat - Side, Lon + Side, Lat + Side * 0.9);
        var refused = await RefusedAsync("merge", west, [People.ZhangSan], new { unitCodes = new[] { south }, into = misdrawn }, 409, "parts-do-not-tile");
        Assert.Contains("outside the whole", Text(refused.Body!["detail"]), StringComparison.Ordinal);

        Assert.Equal("registered", Text((await UnitAsync(west))["status"]));
        Assert.Equal(2, (await UnitAsync(west))["version"]!.GetValue<int>());
    }
}
