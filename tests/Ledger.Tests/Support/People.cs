namespace Ledger.Tests.Support;

/// <summary>People and institutions of the scenarios, with identity numbers whose check characters are right.</summary>
public static class People
{
    public sealed record Person(string Name, string IdNumber);

    public static readonly Person ZhangSan = new("张三", "11010519491231002X");
    public static readonly Person LiSi = new("李四", "110105198505050038");
    public static readonly Person WangWu = new("王五", "110105199001010010");
    public static readonly Person ClerkWang = new("王芳", "110105198001010016");
    public static readonly Person ReviewerLi = new("李强", "110105197505050017");
    public static readonly Person ReviewerZhao = new("赵敏", "110105196002020049");
    public static readonly Person Bank = new("中国工商银行北京朝阳支行", "91350100M000100Y43");
    public static readonly Person OtherBank = new("中国建设银行北京朝阳支行", "91110000600037341L");

    public const string Office = "110105";
    public const string OtherOffice = "340121";
}
