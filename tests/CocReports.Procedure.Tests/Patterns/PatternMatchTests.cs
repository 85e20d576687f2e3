using CocReports.Procedure.Patterns;

namespace CocReports.Procedure.Tests.Patterns;

public class PatternMatchTests
{
    [Fact]
    public void A_match_is_worded_the_same_as_a_table_cell_and_as_a_line()
    {
        var strong = new PatternMatch("COC-AAAA-BBBB", Weak: false);
        var weak = new PatternMatch("COC-CCCC-DDDD", Weak: true);

        Assert.Equal("Same identifier", strong.Strength);
        Assert.Equal("Report COC-AAAA-BBBB: same identifier", strong.Line);
        Assert.Equal("Same handle on another platform (a weaker match)", weak.Strength);
        Assert.Equal("Report COC-CCCC-DDDD: same handle on another platform (a weaker match)", weak.Line);
    }
}
