using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Applications;
using Ledger.Applications.Kinds;
using Ledger.Hosting;
using Ledger.Tests.Support;
using Ledger.Units;
using Ledger.Units.Queries;
using Ledger.Values;
using NetTopologySuite.Geometries;
using Snapshooter.Xunit;

namespace Ledger.Tests.Contracts;

/// <summary>
/// Events are a public contract: their JSON is pinned here. A change to this snapshot is a change to the
/// register's language and needs a new event or an upcaster, never an edit in place.
/// </summary>
public sealed class when_serializing_the_registers_events
{
    static readonly DateTimeOffset At = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);
    static readonly Holder ZhangSan = new(People.ZhangSan.Name, People.ZhangSan.IdNumber);

    static IEnumerable<object> Examples()
    {
        var square = new GeometryFactory().CreatePolygon([new(116.46, 39.90), new(116.461, 39.90), new(116.461, 39.901), new(116.46, 39.901), new(116.46, 39.90)]);
        var term = new Term(new DateOnly(2026, 3, 1), new DateOnly(2046, 2, 28));
        yield return new UnitEstablished("110105003002GB00021W00000000", "110105", UnitKind.Land, "北京市朝阳区建国路88号", 1200.5m, "城镇住宅用地", square, null, At, "clerk:110105:王芳 (110105198001010016)");
        yield return new FirstRegistrationRecorded("app-1", "110105", "3", CoOwnership.Sole, [ZhangSan], null, "京(2026)朝阳区不动产权第0000001号", At, "reviewer:110105:李强 (110105197505050017)");
        yield return new TransferRecorded("app-2", "110105", TransferReason.CourtOrder, null, [ZhangSan], CoOwnership.Shares,
            [new Holder(People.LiSi.Name, People.LiSi.IdNumber, "1/3"), new Holder(People.WangWu.Name, People.WangWu.IdNumber, "2/3")],
            "京(2026)朝阳区不动产权第0000001号", "京(2026)朝阳区不动产权第0000002号", At, "reviewer");
        yield return new MortgageRecorded("app-3", "110105", "M11010520260000003", new Mortgagee(People.Bank.Name, People.Bank.IdNumber), null, 5_000_000m, term, true,
            "京(2026)朝阳区不动产证明第0000001号", At, "reviewer");
        yield return new MortgageDischarged("app-4", "110105", "M11010520260000003", At, "reviewer");
        yield return new SeizureRecorded("app-6", "110105", "S11010520260000006", "北京市朝阳区人民法院", "(2026)京0105执100号", null, At, "reviewer");
        yield return new SeizureReleased("app-7", "110105", "S11010520260000006", "(2026)京0105执100号", At, "reviewer");
        var objector = new Party(People.WangWu.Name, People.WangWu.IdNumber);
        yield return new ObjectionRecorded("app-8", "110105", "O11010520260000008", objector, "该房屋系夫妻共同财产", "京(2026)朝阳区不动产证明第0000002号", At, "reviewer");
        yield return new ObjectionLawsuitRecorded("app-9", "110105", "O11010520260000008", "北京市朝阳区人民法院", "(2026)京0105民初7号", At, "reviewer");
        yield return new ObjectionCancelled("app-10", "110105", "O11010520260000008", At, "reviewer");
        yield return new AdvanceNoticeRecorded("app-11", "110105", "A11010520260000011", AdvanceNoticeKind.PresalePurchase,
            new Party(People.LiSi.Name, People.LiSi.IdNumber), new DateOnly(2027, 6, 30), "京(2026)朝阳区不动产证明第0000003号", At, "reviewer");
        yield return new AdvanceNoticeCancelled("app-12", "110105", "A11010520260000011", At, "reviewer");
        yield return new ChangeRecorded("app-13", "110105", "北京市朝阳区建国路88号院1号", null, null, new HolderRename(ZhangSan.IdNumber, "张叁"), At, "reviewer");
        yield return new CorrectionRecorded("app-14", "110105", 2, CorrectionBasis.ExOfficio, new Corrected(null, null, 1234.56m, null, [ZhangSan]), At, "reviewer");
        yield return new EasementRecorded("app-15", "110105", "E11010520260000015", "110105003002GB00022W00000000", "通行", term, "京(2026)朝阳区不动产证明第0000004号", At, "reviewer");
        yield return new EasementNoted("app-15", "110105", "E11010520260000015", "110105003002GB00021W00000000", "通行", term, "京(2026)朝阳区不动产证明第0000004号", At, "reviewer");
        yield return new UnitCancelled("app-16", "110105", CancellationReason.Destroyed, At, "reviewer");
        var west = new GeometryFactory().CreatePolygon([new(116.46, 39.90), new(116.4605, 39.90), new(116.4605, 39.901), new(116.46, 39.901), new(116.46, 39.90)]);
        const string parent = "110105003002GB00021W00000000", westCode = "110105003002GB00031W00000000", eastCode = "110105003002GB00032W00000000";
        yield return new UnitSplit("app-17", "110105", [westCode, eastCode], "京(2026)朝阳区不动产权第0000002号",
            ["京(2026)朝阳区不动产权第0000005号", "京(2026)朝阳区不动产权第0000006号"], At, "reviewer");
        yield return new UnitDerived("app-17", westCode, "110105", UnitKind.Land, "北京市朝阳区建国路88号西", 600.25m, "城镇住宅用地", west, [parent],
            new CarriedOver(new Ownership("3", CoOwnership.Sole, [ZhangSan], null, "京(2026)朝阳区不动产权第0000005号", At),
                [new Mortgage("M11010520260000003", new Mortgagee(People.Bank.Name, People.Bank.IdNumber), null, 5_000_000m, term, true,
                    "京(2026)朝阳区不动产证明第0000001号", At, [eastCode])],
                [new Objection("O11010520260000008", objector, "该房屋系夫妻共同财产", "京(2026)朝阳区不动产证明第0000002号", At)], [], []),
            At, "reviewer");
        yield return new UnitMerged("app-18", "110105", "110105003002GB00033W00000000", [eastCode], "京(2026)朝阳区不动产权第0000005号",
            "京(2026)朝阳区不动产权第0000007号", At, "reviewer");
        yield return new ObjectionLapsed("110105", "O11010520260000008", At, At.AddMinutes(1), "system:lapse");
        yield return new AdvanceNoticeLapsed("110105", "A11010520260000011", At, At.AddMinutes(1), "system:lapse");
        yield return new SeizureEnded("110105", "S11010520260000006", At, At.AddMinutes(1), "system:lapse");
        yield return new UnitQueried(parent, "110105", "party", "购房合同纠纷诉讼", null, "party", People.LiSi.Name, People.LiSi.IdNumber, At);
        yield return new UnitQueried(parent, "110105", "full", null, At.AddDays(-30), "auditor", "审计员周", "110105197001010012", At);
        yield return new ApplicationAccepted("app-3", "11010520260000003", "110105", ApplicationType.Mortgage, "110105003002GB00021W00000000",
            [new Applicant(ZhangSan.Name, ZhangSan.IdNumber)],
            new MortgageDetails(new Mortgagee(People.Bank.Name, People.Bank.IdNumber), null, 5_000_000m, term, true, []), At, "clerk", People.ClerkWang.IdNumber);
        yield return new ApplicationAccepted("app-17", "11010520260000017", "110105", ApplicationType.Split, parent,
            [new Applicant(ZhangSan.Name, ZhangSan.IdNumber)],
            new SplitDetails([new SurveyedPart(westCode, west, 600.25m), new SurveyedPart(eastCode, west, 600.25m, "北京市朝阳区建国路88号东", "商业用地")], []),
            At, "clerk", People.ClerkWang.IdNumber, [westCode, eastCode]);
        yield return new ApplicationAccepted("app-18", "11010520260000018", "110105", ApplicationType.Merge, westCode,
            [new Applicant(ZhangSan.Name, ZhangSan.IdNumber)],
            new MergeDetails([westCode, eastCode], new SurveyedPart("110105003002GB00033W00000000", square, 1200.5m), [], AcknowledgesObjection: true),
            At, "clerk", People.ClerkWang.IdNumber, [eastCode, "110105003002GB00033W00000000"]);
        yield return new ApplicationReviewed("app-3", ReviewDecision.Approve, "材料齐全", At, "reviewer");
        yield return new ApplicationRecorded("app-3", "110105003002GB00021W00000000", 4, null, "京(2026)朝阳区不动产证明第0000001号", At, "reviewer");
        yield return new ApplicationRecorded("app-17", parent, 5, "京(2026)朝阳区不动产权第0000005号", null, At, "reviewer",
            ["京(2026)朝阳区不动产权第0000005号", "京(2026)朝阳区不动产权第0000006号"]);
        yield return new ApplicationWithdrawn("app-5", "申请人撤回", At, "clerk");
        yield return new Ledger.Legacy.UnitImported("110105003002GB00021W00000000", "110105", UnitKind.Land, "北京市朝阳区建国路88号", 1234.5m, "城镇住宅用地", square, null,
            new DateTimeOffset(1998, 5, 3, 0, 0, 0, TimeSpan.FromHours(8)), Ledger.Legacy.LegacySource.Land, "land.csv", 2, "TD00001", "京朝国用(1998)第00123号",
            "3f0c2a5e9d7b4c1a8e6f0b2d4c6a8e0f1b3d5c7e9a0b2c4d6e8f0a1b3c5d7e9f", ["area-differs-from-boundary"], At, "import:110105:land");
    }

    [Fact]
    public void every_event_reads_as_pinned()
    {
        var pinned = new JsonObject();
        foreach (var e in Examples())
        {
            // A second example of one event (another kind of details) is pinned beside the first, never over it.
            var key = e.GetType().Name;
            for (var n = 2; pinned.ContainsKey(key); n++) key = $"{e.GetType().Name} #{n}";
            pinned[key] = JsonSerializer.SerializeToNode(e, e.GetType(), LedgerJson.Options);
        }
        Snapshot.Match(pinned.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = LedgerJson.Options.Encoder }));
    }

    [Fact]
    public void every_event_reads_back_as_it_was_written()
    {
        foreach (var e in Examples())
        {
            var json = JsonSerializer.Serialize(e, e.GetType(), LedgerJson.Options);
            var back = JsonSerializer.Deserialize(json, e.GetType(), LedgerJson.Options);
            Assert.Equal(json, JsonSerializer.Serialize(back, e.GetType(), LedgerJson.Options));
        }
    }

    [Fact]
    public void application_details_read_back_whatever_order_jsonb_gives_their_keys()
    {
        const string reordered = """{"term":{"from":"2026-03-01","to":"2046-02-28"},"type":"mortgage","amount":1000000,"consents":[],"mortgagee":{"code":"91350100M000100Y43","name":"银行"},"maximumAmount":null,"restrictsTransfer":false}""";
        var details = Assert.IsType<MortgageDetails>(JsonSerializer.Deserialize<ApplicationDetails>(reordered, LedgerJson.Options));
        Assert.Equal(1_000_000m, details.Amount);
    }
}
