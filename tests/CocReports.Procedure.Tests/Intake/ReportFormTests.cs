using CocReports.Procedure.Intake;

namespace CocReports.Procedure.Tests.Intake;

public class ReportFormTests
{
    [Fact]
    public void Value_is_trimmed()
    {
        var form = new ReportForm();
        form.Add("location", "  Hall B \n");

        Assert.Equal("Hall B", form.Value("location"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n\t")]
    public void Blank_value_is_absent(string blank)
    {
        var form = new ReportForm();
        form.Add("location", blank);

        Assert.Null(form.Value("location"));
    }

    [Fact]
    public void Missing_field_is_absent_and_has_no_values()
    {
        var form = new ReportForm();
        form.Add("location", "Hall B");

        Assert.Null(form.Value("description"));
        Assert.Empty(form.All("description"));
    }

    [Fact]
    public void Field_names_are_case_sensitive()
    {
        var form = new ReportForm();
        form.Add("location", "Hall B");

        Assert.Null(form.Value("Location"));
    }

    [Fact]
    public void Value_is_the_first_of_several()
    {
        var form = new ReportForm();
        form.Add("location", "Hall B");
        form.Add("location", "Hall C");

        Assert.Equal("Hall B", form.Value("location"));
    }

    [Fact]
    public void All_returns_every_value_in_the_order_sent()
    {
        var form = new ReportForm();
        form.Add("excludedMembers", "grace");
        form.Add("location", "Hall B");
        form.Add("excludedMembers", "ada");
        form.Add("excludedMembers", "grace");

        Assert.Equal(["grace", "ada", "grace"], form.All("excludedMembers"));
    }
}
