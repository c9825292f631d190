using System.Collections.Frozen;
using System.Text;

namespace Ledger.Legacy.Normalising;

/// <summary>
/// A person's or organisation's name as one spelling: width folded, no spaces between Chinese characters, traditional
/// characters written simplified. The table is small and documented (migrations-legacy/README.md): the characters of
/// names, banks and places seen in the legacy registers; a character outside it is kept as typed.
/// </summary>
public static class LegacyNames
{
    const string Traditional = "張陳劉趙黃楊吳鄭謝許馮蔣韓麗華國東偉軍紅蘭鳳龍鵬飛強開發興業銀農設築廣門區縣鎮鄉號樓單層園寶貴愛傑濤錢孫葉蕭羅鄧盧蘇顧陸嚴鐘鍾譚萬賈閻嶽淩歐陽長靜樂雲風義勝慶榮輝紀齊曉瑩婭為學寧團員權證記產場廠電氣機財務險資實貿價錦鋼鐵遼連濱灣漁島養協會聯總經營達邊遠進運還體與專時峯鑫書權麥馬魯錫鳴賓夢顏範衛";
    const string Simplified  = "张陈刘赵黄杨吴郑谢许冯蒋韩丽华国东伟军红兰凤龙鹏飞强开发兴业银农设筑广门区县镇乡号楼单层园宝贵爱杰涛钱孙叶萧罗邓卢苏顾陆严钟钟谭万贾阎岳凌欧阳长静乐云风义胜庆荣辉纪齐晓莹娅为学宁团员权证记产场厂电气机财务险资实贸价锦钢铁辽连滨湾渔岛养协会联总经营达边远进运还体与专时峰鑫书权麦马鲁锡鸣宾梦颜范卫";

    static readonly FrozenDictionary<char, char> ToSimplified =
        Traditional.Zip(Simplified).Where(p => p.First != p.Second).DistinctBy(p => p.First).ToFrozenDictionary(p => p.First, p => p.Second);

    /// <summary>The table's traditional characters, for the README and the tests.</summary>
    public static IReadOnlyDictionary<char, char> Table => ToSimplified;

    public static string Normalize(string? name)
    {
        var folded = LegacyText.Fold(name);
        var written = new StringBuilder(folded.Length);
        for (var i = 0; i < folded.Length; i++)
        {
            var c = folded[i];
            // A space between two Chinese characters is a clerk's slip (张 三); between Latin words it is a word break.
            if (c == ' ' && i > 0 && i < folded.Length - 1 && (IsHan(folded[i - 1]) || IsHan(folded[i + 1]))) continue;
            written.Append(ToSimplified.TryGetValue(c, out var simplified) ? simplified : c);
        }

        // Parentheses in organisation names (中国银行股份有限公司（大连分行）) print half-width, as certificate numbers do.
        return written.ToString();
    }

    static bool IsHan(char c) => c is >= '\u3400' and <= '\u9FFF';
}
