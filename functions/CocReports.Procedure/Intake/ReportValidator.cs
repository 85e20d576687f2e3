using CocReports.Procedure.Committee;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Rendering;
using MimeKit;

namespace CocReports.Procedure.Intake;

/// <summary>
/// Turns a submitted form into <see cref="ReportDetails"/> or names every field that is wrong, so the reporter
/// can fix them all at once.
/// </summary>
public sealed class ReportValidator(IntakeOptions limits, CommitteeOptions committee)
{
    public ValidationResult Validate(ReportForm form)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);

        // In the form's language, like every page the reporter sees next.
        var t = Texts.For(form.Value(ReportFields.Language));

        foreach (var field in ReportFields.Text)
        {
            if (form.Value(field) is { } text && text.Length > limits.MaxTextLength)
            {
                errors[field] = [t.Format("Validation.TooLong", t.Number(limits.MaxTextLength))];
            }
        }

        var description = form.Value(ReportFields.Description);
        if (description is null)
        {
            errors[ReportFields.Description] = [t["Validation.Description"]];
        }

        var anonymous = form.Value(ReportFields.ContactChoice) == "anonymous";
        var email = anonymous ? null : form.Value(ReportFields.ContactEmail);
        if (email is not null && !LooksLikeEmail(email))
        {
            errors[ReportFields.ContactEmail] = [t["Validation.Email"]];
        }

        var ongoing = ParseEnum(form, ReportFields.IsOngoing, Ongoing.Unsure, errors, t);
        var setting = ParseEnum(form, ReportFields.Setting, IncidentSetting.Unspecified, errors, t);

        var link = form.Value(ReportFields.ConversationLink);
        if (link is not null && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            errors[ReportFields.ConversationLink] = [t["Validation.Link"]];
        }

        var excluded = form.All(ReportFields.ExcludedMembers).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (excluded.Any(id => committee.Members.All(m => m.Id != id)))
        {
            errors[ReportFields.ExcludedMembers] = [t["Validation.ExcludedMember"]];
        }

        if (errors.Count > 0)
        {
            return new ValidationResult(null, errors);
        }

        var details = new ReportDetails
        {
            ContactName = anonymous ? null : form.Value(ReportFields.ContactName),
            ContactEmail = email,
            OccurredAt = form.Value(ReportFields.OccurredAt),
            Location = form.Value(ReportFields.Location),
            IsOngoing = ongoing,
            Description = description!,
            Circumstances = form.Value(ReportFields.Circumstances),
            OthersInvolved = form.Value(ReportFields.OthersInvolved),
            ReportedPerson = form.Value(ReportFields.ReportedPerson),
            Setting = setting,
            EventName = setting == IncidentSetting.Physical ? form.Value(ReportFields.EventName) : null,
            OnlineSpace = setting == IncidentSetting.Online ? form.Value(ReportFields.OnlineSpace) : null,
            ConversationLink = setting == IncidentSetting.Online ? link : null,
            SafetyConcerns = form.Value(ReportFields.SafetyConcerns),
            FeelsUnsafe = form.Value(ReportFields.FeelsUnsafe) is "true" or "on",
            Language = Texts.Normalize(form.Value(ReportFields.Language)),
            ExcludedMembers = excluded,
        };
        return new ValidationResult(details, errors);
    }

    static T ParseEnum<T>(ReportForm form, string field, T fallback, Dictionary<string, string[]> errors, Texts t)
        where T : struct, Enum
    {
        var raw = form.Value(field);
        if (raw is null)
        {
            return fallback;
        }

        // Names only: Enum.TryParse would also take numbers and comma-joined flags ("physical,online").
        if (Enum.GetNames<T>().FirstOrDefault(n => n.Equals(raw, StringComparison.OrdinalIgnoreCase)) is { } name)
        {
            return Enum.Parse<T>(name);
        }

        errors[field] = [t.Format("Validation.Choose", string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant())))];
        return fallback;
    }

    // One plain address as the mail library that later sends to it reads it (no list, display name, group or route),
    // with a dotted domain to catch typos before the reporter loses their way back to us.
    static bool LooksLikeEmail(string email) =>
        email.Length <= 254 && !email.Any(char.IsWhiteSpace)
        && MailboxAddress.TryParse(ParserOptions.Default, email, out var mailbox)
        && mailbox.Address == email && mailbox.Route.Count == 0 && string.IsNullOrEmpty(mailbox.Name)
        && mailbox.LocalPart.Length > 0 && mailbox.Domain.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot && dot < mailbox.Domain.Length - 2;
}
