using System.Text.Json;
using System.Text.Json.Serialization;

namespace CocReports.Procedure.Timeline;

/// <summary>A step travels as its name (activity inputs, durable histories written before this type existed).</summary>
public sealed class CaseStepJsonConverter : JsonConverter<CaseStep>
{
    public override CaseStep Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        CaseStep.Named(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, CaseStep value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
}
