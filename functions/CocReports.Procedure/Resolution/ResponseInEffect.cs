using CocReports.Procedure.Measures;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Resolution;

/// <summary>
/// A response that keeps someone out right now, as an organizer or a moderator needs to know it: what it is, where it
/// applies and until when; never the report, the reporter or the reasons. Only responses that keep someone out count
/// (those with an end, <see cref="ResponseOptions.Ending"/>, while it has not come; those reviewed instead of ending,
/// <see cref="ResponseOptions.Reviewed"/>), and, until the committee decides, an interim measure not lifted, until its last day. A warning or a
/// correction asks nothing of an organizer, so it is not told. A measure's what is case content: it is told as a measure.
/// </summary>
/// <param name="Response">The response's name from the ladder, or null for an interim measure.</param>
/// <param name="Scope">Where it applies, as the committee wrote it at resolution; null for a measure or when not written.</param>
/// <param name="Until">When it ends; null when it has no end (it is reviewed instead).</param>
public sealed record ResponseInEffect(string? Response, string? Scope, DateTimeOffset? Until)
{
    public bool IsInterimMeasure => Response is null;

    /// <summary>What of one case keeps its reported person out at <paramref name="now"/>.</summary>
    public static IReadOnlyList<ResponseInEffect> Of(CaseState state, IReadOnlyList<CaseMessage> messages, ResponseOptions options, DateTimeOffset now)
    {
        var inEffect = new List<ResponseInEffect>();
        if (state.ResolvedAt is not null && messages.LastOrDefault(m => m.Kind == CaseMessageKind.Resolution && m.Response is not null) is { } resolution)
        {
            var name = resolution.Response!;
            if (options.Ending.Contains(name, StringComparer.Ordinal) && state.ResponseEndsAt is { } ends && ends > now)
            {
                inEffect.Add(new ResponseInEffect(name, resolution.Scope, ends));
            }
            else if (options.Reviewed.Contains(name, StringComparer.Ordinal))
            {
                inEffect.Add(new ResponseInEffect(name, resolution.Scope, null));
            }
        }

        inEffect.AddRange(state.Measures
            .Where(m => state.ResolvedAt is null && m.Review != MeasureReview.Lifted && m.Until > now)
            .Select(m => new ResponseInEffect(null, null, m.Until)));
        return inEffect;
    }
}
