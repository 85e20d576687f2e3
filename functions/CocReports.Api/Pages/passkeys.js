// Runs the passkey ceremony of a form that carries one (hidden "passkey-options", from the server): when the form is
// sent, the browser asks the member's authenticator, and the form goes on with its answer in "passkey-response".
// Options and answers travel as WebAuthn's JSON (binary fields in base64url).
// Its two messages come from the page, in the page's language (the script tag's data- attributes).
(() => {
  const words = document.currentScript.dataset;
  const bytes = text => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0));
  const base64url = buffer => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const described = list => (list || []).map(c => ({ ...c, id: bytes(c.id) }));

  const create = options => navigator.credentials.create({
    publicKey: { ...options, challenge: bytes(options.challenge), user: { ...options.user, id: bytes(options.user.id) }, excludeCredentials: described(options.excludeCredentials) },
  });
  const get = options => navigator.credentials.get({
    publicKey: { ...options, challenge: bytes(options.challenge), allowCredentials: described(options.allowCredentials) },
  });

  const answer = credential => {
    const r = credential.response;
    const response = r.attestationObject
      ? { attestationObject: base64url(r.attestationObject), clientDataJSON: base64url(r.clientDataJSON), transports: r.getTransports ? r.getTransports() : [] }
      : { authenticatorData: base64url(r.authenticatorData), clientDataJSON: base64url(r.clientDataJSON), signature: base64url(r.signature), userHandle: r.userHandle ? base64url(r.userHandle) : null };
    return { id: credential.id, rawId: base64url(credential.rawId), type: credential.type, response, clientExtensionResults: credential.getClientExtensionResults() };
  };

  // Each passkey form gets a live region for the script's messages, in place before anything is said in it.
  const statusOf = form => {
    if (!form.nextElementSibling || !form.nextElementSibling.hasAttribute('data-passkey-status')) {
      const status = document.createElement('p');
      status.setAttribute('role', 'status');
      status.setAttribute('data-passkey-status', '');
      form.after(status);
    }
    return form.nextElementSibling;
  };
  const passkeyForms = () => [...document.querySelectorAll('input[name="passkey-options"]')].map(input => input.form);
  document.addEventListener('DOMContentLoaded', () => passkeyForms().forEach(statusOf));

  // Listening on the document, from a script the page loads before its body: no press can come before the listener,
  // however slowly the page arrives (a press that did would send the form without the passkey's answer).
  document.addEventListener('submit', async event => {
    const form = event.target;
    const input = form.elements && form.elements['passkey-options'];
    if (!input) return;
    event.preventDefault();
    const status = statusOf(form);
    const options = JSON.parse(input.value);
    status.textContent = words.waiting;
    try {
      const credential = options.rp ? await create(options) : await get(options);
      form.elements['passkey-response'].value = JSON.stringify(answer(credential));
      form.submit();
    } catch (error) {
      status.textContent = words.notUsed.replace('{0}', error.name);
    }
  });
})();
