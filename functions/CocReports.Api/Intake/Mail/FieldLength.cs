namespace CocReports.Api.Intake.Mail;

/// <summary>What a message says, cut to the length its report field keeps: a mail may say more than a form may.</summary>
public static class FieldLength
{
    public static string Fit(string value, int length) => value.Length <= length ? value : value[..length];
}
