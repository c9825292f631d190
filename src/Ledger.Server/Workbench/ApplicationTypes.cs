namespace Ledger.Workbench;

/// <summary>The registration types of API.md, named as the registry names them, each with the shape of its details.</summary>
public static class ApplicationTypes
{
    public sealed record Kind(string Type, string Zh, string En, string Example);

    public static readonly IReadOnlyList<Kind> All =
    [
        new("first-registration", "首次登记", "First registration", """{"rightType":"3","coOwnership":"sole","holders":[{"name":"","idNumber":""}]}"""),
        new("transfer", "转移登记", "Transfer", """{"to":[{"name":"","idNumber":""}],"coOwnership":"sole","reason":"sale","price":0}"""),
        new("change", "变更登记", "Change", """{"use":""}"""),
        new("mortgage", "抵押权登记", "Mortgage", """{"mortgagee":{"name":"","code":""},"amount":0,"term":{"from":"","to":""},"restrictsTransfer":false}"""),
        new("mortgage-discharge", "抵押权注销", "Mortgage discharge", """{"mortgageId":""}"""),
        new("seizure", "查封登记", "Seizure", """{"court":"","caseNumber":""}"""),
        new("seizure-release", "解除查封", "Seizure release", """{"seizureId":"","caseNumber":""}"""),
        new("objection", "异议登记", "Objection", """{"objector":{"name":"","idNumber":""},"reason":""}"""),
        new("objection-lawsuit", "异议诉讼", "Objection lawsuit", """{"objectionId":"","court":"","caseNumber":""}"""),
        new("objection-cancellation", "异议注销", "Objection cancellation", """{"objectionId":""}"""),
        new("advance-notice", "预告登记", "Advance notice", """{"kind":"purchase","beneficiary":{"name":"","idNumber":""}}"""),
        new("advance-notice-cancellation", "预告注销", "Advance notice cancellation", """{"advanceNoticeId":""}"""),
        new("easement", "地役权登记", "Easement", """{"dominantUnitCode":"","purpose":""}"""),
        new("correction", "更正登记", "Correction", """{"correctsVersion":1,"corrected":{},"basis":"ex-officio"}"""),
        new("cancellation", "注销登记", "Cancellation", """{"reason":"destroyed"}"""),
        new("split", "分割", "Split", """{"parts":[{"unitCode":"","geometry":null,"area":0}]}"""),
        new("merge", "合并", "Merge", """{"unitCodes":[],"into":{"unitCode":"","geometry":null,"area":0}}"""),
    ];

    public static Kind? Find(string? type) => All.FirstOrDefault(k => k.Type == type);

    public static string Name(Visitor v, string? type) => Find(type) is { } kind ? v.T(kind.Zh, kind.En) : type ?? "";

    /// <summary>What the unit's history calls its sentences, in the visitor's language.</summary>
    public static string EventName(Visitor v, string type) => type switch
    {
        "unit-established" => v.T("单元设立", "Unit established"),
        "first-registration-recorded" => v.T("首次登记", "First registration"),
        "transfer-recorded" => v.T("转移登记", "Transfer"),
        "mortgage-recorded" => v.T("抵押权登记", "Mortgage"),
        "mortgage-discharged" => v.T("抵押权注销", "Mortgage discharged"),
        "seizure-recorded" => v.T("查封登记", "Seizure"),
        "seizure-released" => v.T("解除查封", "Seizure released"),
        "seizure-ended" => v.T("查封期满", "Seizure ended"),
        "objection-recorded" => v.T("异议登记", "Objection"),
        "objection-lawsuit-recorded" => v.T("异议诉讼", "Objection lawsuit"),
        "objection-cancelled" => v.T("异议注销", "Objection cancelled"),
        "objection-lapsed" => v.T("异议失效", "Objection lapsed"),
        "advance-notice-recorded" => v.T("预告登记", "Advance notice"),
        "advance-notice-cancelled" => v.T("预告注销", "Advance notice cancelled"),
        "advance-notice-lapsed" => v.T("预告失效", "Advance notice lapsed"),
        "change-recorded" => v.T("变更登记", "Change"),
        "easement-recorded" or "easement-noted" => v.T("地役权登记", "Easement"),
        "correction-recorded" => v.T("更正登记", "Correction"),
        "unit-cancelled" => v.T("注销登记", "Unit cancelled"),
        "unit-split" => v.T("分割", "Split"),
        "unit-merged" => v.T("合并", "Merged"),
        "carried-over" => v.T("转入", "Carried over"),
        "unit-derived" => v.T("派生设立", "Derived"),
        _ => type,
    };

    public static string Status(Visitor v, string? status) => status switch
    {
        "accepted" => v.T("已受理", "accepted"),
        "approved" => v.T("审核通过", "approved"),
        "rejected" => v.T("不予登记", "rejected"),
        "recorded" => v.T("已登簿", "recorded"),
        "withdrawn" => v.T("已撤回", "withdrawn"),
        _ => status ?? "",
    };
}

/// <summary>The register's coded values (kind, status, co-ownership, view, seizure state...) in the visitor's language.</summary>
public static class Terms
{
    static readonly Dictionary<string, (string Zh, string En)> Known = new(StringComparer.Ordinal)
    {
        ["land"] = ("宗地", "land"), ["sea"] = ("宗海", "sea area"), ["building"] = ("房屋", "building"),
        ["established"] = ("已设立", "established"), ["registered"] = ("已登记", "registered"), ["cancelled"] = ("已注销", "cancelled"),
        ["sole"] = ("单独所有", "sole"), ["joint"] = ("共同共有", "joint"), ["shares"] = ("按份共有", "in shares"),
        ["full"] = ("完整视图", "full"), ["holder"] = ("权利人视图", "holder"), ["party"] = ("利害关系人视图", "interested party"),
        ["prospect"] = ("意向购买人视图", "prospect"),
        ["in-force"] = ("生效", "in force"), ["queued"] = ("轮候", "queued"),
        ["servient"] = ("供役地", "servient"), ["dominant"] = ("需役地", "dominant"),
        ["presale-purchase"] = ("预购商品房", "presale purchase"), ["purchase"] = ("其他不动产买卖", "purchase"),
        ["presale-mortgage"] = ("预购商品房抵押", "presale mortgage"), ["mortgage"] = ("其他不动产抵押", "mortgage"),
    };

    public static string Of(Visitor v, string value) => Known.TryGetValue(value, out var term) ? v.T(term.Zh, term.En) : value;
}
