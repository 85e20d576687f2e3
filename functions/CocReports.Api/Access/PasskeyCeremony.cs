using System.Text;
using System.Text.Json;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Passkeys;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Access;

/// <summary>
/// The two WebAuthn ceremonies, through Fido2: adding a passkey (attestation) and confirming with one (assertion),
/// both with user verification (the device's fingerprint, face or PIN), so a passkey alone is not enough either. The
/// options travel in the page, sealed (<see cref="CeremonySeal"/>) to the member and the place; nothing of them, nor
/// of the answer, is logged.
/// </summary>
public sealed class PasskeyCeremony(IFido2 fido2, CeremonySeal seal, IPasskeyStore passkeys, IOptions<CommitteeOptions> committee, TimeProvider clock)
{
    /// <summary>The options, as WebAuthn's JSON, that the page's script hands to the browser.</summary>
    public const string OptionsField = "passkey-options";

    /// <summary>The same options, sealed for the server.</summary>
    public const string SealField = "passkey-ceremony";

    /// <summary>What the authenticator answered, filled in by the page's script.</summary>
    public const string ResponseField = "passkey-response";

    // A sign-in's ceremony is sealed before anyone is known: to no member, and to its place alone.
    const string AnyMember = "";

    /// <summary>The hidden fields of a form that adds a passkey.</summary>
    public Dictionary<string, string> ToAdd(string scope, string memberId, IReadOnlyList<Passkey> existing)
    {
        var options = fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = UserHandle(memberId), Name = memberId, DisplayName = committee.Value.NameOf(memberId) },
            ExcludeCredentials = [.. existing.Select(p => new PublicKeyCredentialDescriptor(p.CredentialId))],
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Preferred,
                UserVerification = UserVerificationRequirement.Required,
            },
            AttestationPreference = AttestationConveyancePreference.None,
        });
        return Fields(scope, memberId, options.ToJson());
    }

    /// <summary>The hidden fields of a form that confirms with one of the member's passkeys.</summary>
    public Dictionary<string, string> ToConfirm(string scope, string memberId, IReadOnlyList<Passkey> owned)
    {
        var options = fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [.. owned.Select(p => new PublicKeyCredentialDescriptor(p.CredentialId))],
            UserVerification = UserVerificationRequirement.Required,
        });
        return Fields(scope, memberId, options.ToJson());
    }

    /// <summary>The passkey the posted form added and that is now kept, or null when the answer does not verify.</summary>
    public async Task<Passkey?> AddAsync(IFormCollection form, string scope, string memberId, IReadOnlyList<Passkey> existing, CancellationToken cancellationToken)
    {
        if (seal.Open(form[SealField].ToString(), scope, memberId) is not { } sealedOptions
            || Read<AuthenticatorAttestationRawResponse>(form[ResponseField].ToString()) is not { } answer)
        {
            return null;
        }

        try
        {
            var credential = await fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = answer,
                OriginalOptions = CredentialCreateOptions.FromJson(sealedOptions),
                IsCredentialIdUniqueToUserCallback = (added, _) => Task.FromResult(existing.All(p => !p.CredentialId.AsSpan().SequenceEqual(added.CredentialId))),
            }, cancellationToken);
            var passkey = new Passkey(memberId, credential.Id, credential.PublicKey, credential.SignCount, clock.GetUtcNow());
            await passkeys.AddAsync(passkey, cancellationToken);
            return passkey;
        }
        catch (Fido2VerificationException)
        {
            return null;
        }
    }

    /// <summary>The member's passkey the posted form confirmed with, or null when the answer does not verify.</summary>
    public async Task<Passkey?> ConfirmAsync(IFormCollection form, string scope, string memberId, IReadOnlyList<Passkey> owned, CancellationToken cancellationToken) =>
        seal.Open(form[SealField].ToString(), scope, memberId) is { } sealedOptions
        && Read<AuthenticatorAssertionRawResponse>(form[ResponseField].ToString()) is { } answer
            ? await VerifyAsync(answer, sealedOptions, memberId, owned, cancellationToken)
            : null;

    /// <summary>
    /// The hidden fields of a form that signs in with whichever passkey the device holds for this site: no member is
    /// named, so the authenticator offers its own (a discoverable credential) and its answer says whose it is.
    /// </summary>
    public Dictionary<string, string> ToSignIn(string scope)
    {
        var options = fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [],
            UserVerification = UserVerificationRequirement.Required,
        });
        return Fields(scope, AnyMember, options.ToJson());
    }

    /// <summary>The member and passkey the posted sign-in verified, or null: a passkey of no current member, or an answer that does not verify.</summary>
    public async Task<Passkey?> SignInAsync(IFormCollection form, string scope, CancellationToken cancellationToken)
    {
        if (seal.Open(form[SealField].ToString(), scope, AnyMember) is not { } sealedOptions
            || Read<AuthenticatorAssertionRawResponse>(form[ResponseField].ToString()) is not { } answer
            || answer.Response?.UserHandle is not { Length: > 0 } handle
            || committee.Value.Find(Encoding.UTF8.GetString(handle)) is not { } member)
        {
            return null;
        }

        return await VerifyAsync(answer, sealedOptions, member.Id, await passkeys.ForMemberAsync(member.Id, cancellationToken), cancellationToken);
    }

    async Task<Passkey?> VerifyAsync(AuthenticatorAssertionRawResponse answer, string sealedOptions, string memberId, IReadOnlyList<Passkey> owned, CancellationToken cancellationToken)
    {
        if (owned.FirstOrDefault(p => answer.RawId is { } id && p.CredentialId.AsSpan().SequenceEqual(id)) is not { } passkey)
        {
            return null;
        }

        try
        {
            var verified = await fido2.MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = answer,
                OriginalOptions = AssertionOptions.FromJson(sealedOptions),
                StoredPublicKey = passkey.PublicKey,
                StoredSignatureCounter = passkey.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (owner, _) =>
                    Task.FromResult(owner.UserHandle is null || owner.UserHandle.AsSpan().SequenceEqual(UserHandle(memberId))),
            }, cancellationToken);
            await passkeys.RecordUseAsync(memberId, passkey.CredentialId, verified.SignCount, cancellationToken);
            return passkey;
        }
        catch (Fido2VerificationException)
        {
            return null;
        }
    }

    Dictionary<string, string> Fields(string scope, string memberId, string options) => new()
    {
        [OptionsField] = options,
        [SealField] = seal.Seal(scope, memberId, options),
        [ResponseField] = "",
    };

    // The member's id, not their name or address: an authenticator may show or sync it.
    static byte[] UserHandle(string memberId) => Encoding.UTF8.GetBytes(memberId);

    static T? Read<T>(string json) where T : class
    {
        try
        {
            return json.Length == 0 ? null : JsonSerializer.Deserialize<T>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
