// <coc-report-form api="https://example.org/api"> — the embeddable Code of Conduct report form.
// A classic script (not a module) so that document.currentScript tells where the strings and
// the stylesheet live. No dependencies, no build step. See README.md beside this file.
(() => {
  'use strict';
  const TAG = 'coc-report-form';
  if (customElements.get(TAG)) return;

  const BASE = new URL('.', (document.currentScript && document.currentScript.src) || document.baseURI);
  const STRINGS = (globalThis.CocReportStrings = globalThis.CocReportStrings || {});
  const DEFAULTS = {
    emergencyNotice: '', maxFiles: 10, maxFileBytes: 26214400, maxReportBytes: 104857600, maxTextLength: 20000,
    acknowledgeWithinSeconds: 172800, followUpWithinSeconds: 604800,
    allowedTypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'video/mp4', 'video/webm', 'video/quicktime', 'application/pdf', 'text/plain']
  };
  // File name endings for the declared types, used when the browser reports no type and for the hint.
  const EXT = {
    'image/png': ['png'], 'image/jpeg': ['jpg', 'jpeg'], 'image/gif': ['gif'], 'image/webp': ['webp'],
    'video/mp4': ['mp4', 'm4v'], 'video/webm': ['webm'], 'video/quicktime': ['mov'],
    'application/pdf': ['pdf'], 'text/plain': ['txt', 'log']
  };
  const TEXT = ['description', 'occurredAt', 'location', 'circumstances', 'eventName', 'onlineSpace', 'conversationLink',
    'reportedPerson', 'othersInvolved', 'safetyConcerns', 'contactName', 'contactEmail'];

  // Strings files are classic scripts too, so a strict script-src 'self' allows them.
  const loading = {};
  const loadStrings = lang => STRINGS[lang] ? Promise.resolve(STRINGS[lang]) : (loading[lang] = loading[lang] || new Promise(done => {
    const s = document.createElement('script');
    s.src = new URL('strings/' + lang + '.js', BASE);
    s.onload = s.onerror = () => { s.remove(); done(STRINGS[lang]); };
    document.head.append(s);
  }));

  const uuid = () => {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    const x = Array.from(b, v => v.toString(16).padStart(2, '0')).join('');
    return [x.slice(0, 8), x.slice(8, 12), x.slice(12, 16), x.slice(16, 20), x.slice(20)].join('-');
  };

  // Builds elements. Text always goes in as text, never as markup.
  const kidsOf = kids => kids.flat(9).filter(k => k != null && k !== false);
  const fill = (el, ...kids) => { el.replaceChildren(...kidsOf(kids)); };
  const h = (tag, props, ...kids) => {
    const el = document.createElement(tag);
    for (const k in props) {
      const v = props[k];
      if (v == null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v === true ? '' : v);
    }
    el.append(...kidsOf(kids));
    return el;
  };

  const extOf = name => (/\.([^.]+)$/.exec(name) || [])[1]?.toLowerCase() || '';

  class CocReportForm extends HTMLElement {
    #s; #lang; #api; #lvl = 2; #cfg = { ...DEFAULTS };
    #shadow; #wrap; #form; #summary; #status; #done; #sending; #sendBar; #sendText; #submitBtn; #emergencyExtra;
    #fields = {}; #files = []; #bars = []; #fileInput; #fileList; #fileTotal; #limits; #members;
    #key = null; #xhr = null; #lastSaid = -1; #dirty = false; #receipt = null; #saved = false; #started = false;

    connectedCallback() {
      addEventListener('beforeunload', this.#guard);
      if (!this.#started) { this.#started = true; this.#start(); }
    }

    disconnectedCallback() { removeEventListener('beforeunload', this.#guard); }

    // Warn before the page goes away while something would be lost: typed text, an upload, unsaved codes.
    #guard = e => {
      if (this.#xhr || (this.#dirty && !this.#receipt) || (this.#receipt && !this.#saved)) { e.preventDefault(); e.returnValue = ''; }
    };

    async #start() {
      const want = (this.closest('[lang]')?.lang || 'en').trim();
      for (const l of new Set([want, want.split('-')[0], 'en'])) {
        if (/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(l) && (this.#s = await loadStrings(l))) { this.#lang = l; break; }
      }
      // Without any strings the light-DOM fallback (a link to the plain form) stays visible.
      if (!this.#s) return;
      const api = this.getAttribute('api') || document.querySelector('meta[name="coc-api"]')?.content || '/api';
      this.#api = new URL(api.replace(/\/*$/, '/'), document.baseURI);
      this.#lvl = Math.min(5, Math.max(1, parseInt(this.getAttribute('heading-level'), 10) || 2));
      // Closed, so that analytics or session-replay scripts on the host page cannot read what is typed.
      this.#shadow = this.attachShadow({ mode: 'closed' });
      this.#render();
      this.#loadConfig();
      this.#loadCommittee();
    }

    #t(key, vars) {
      const s = this.#s[key] ?? STRINGS.en?.[key] ?? key;
      return vars ? s.replace(/\{(\w+)\}/g, (m, n) => (n in vars ? vars[n] : m)) : s;
    }

    #heading(delta, key, id) { return h('h' + Math.min(6, this.#lvl + delta), { id, text: this.#t(key) }); }

    #size(n) {
      const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'];
      let i = 0;
      while (n >= 1024 && i < 3) { n /= 1024; i++; }
      return new Intl.NumberFormat(this.#lang, { style: 'unit', unit: units[i], unitDisplay: i ? 'short' : 'long', maximumFractionDigits: i > 1 ? 1 : 0 }).format(n);
    }

    // The community's configured promises, as the server words them: "72 hours", "10 days", "2 weeks".
    #duration(s) {
      const [n, unit] = s < 120 ? [s, 'second'] : s < 7200 ? [s / 60, 'minute'] : s <= 259200 || s % 86400 ? [s / 3600, 'hour'] : s % 604800 ? [s / 86400, 'day'] : [s / 604800, 'week'];
      return new Intl.NumberFormat(this.#lang, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 }).format(n);
    }

    #say(text) {
      // Clearing first makes screen readers announce the same message twice in a row.
      this.#status.textContent = '';
      if (text) setTimeout(() => { this.#status.textContent = text; }, 50);
    }

    // ---- building the form ----

    #render() {
      const t = this.#t.bind(this);
      const css = h('link', { rel: 'stylesheet', href: new URL('coc-report-form.css', BASE) });
      this.#status = h('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite' });
      this.#emergencyExtra = h('p', { class: 'configured', hidden: true });
      this.#summary = h('div', { class: 'summary', tabindex: '-1', hidden: true, 'aria-labelledby': 'summary-title' });
      this.#done = h('section', { class: 'done', hidden: true, tabindex: '-1', 'aria-labelledby': 'done-title' });

      const physical = h('div', { class: 'cond', hidden: true }, this.#field('eventName'));
      const online = h('div', { class: 'cond', hidden: true },
        this.#field('onlineSpace'), this.#field('conversationLink', { type: 'url', inputmode: 'url' }));
      const contact = h('div', { class: 'cond', hidden: true },
        this.#field('contactName', { auto: 'name' }), this.#field('contactEmail', { type: 'email', auto: 'email', req: true }));
      const anonymous = h('div', { class: 'cond note', hidden: true }, h('p', { text: t('anonGive') }), h('p', { text: t('anonKeep') }));
      const unsafeNote = h('p', { class: 'note', hidden: true, text: t('feelsUnsafeNote') });

      const onSetting = e => {
        const v = e.target.value;
        physical.hidden = v !== 'physical';
        online.hidden = v !== 'online';
        for (const n of ['reportedPerson', 'evidence']) {
          const extra = this.#s[n + 'Hint_' + v];
          this.#fields[n].hint.textContent = t(n + 'Hint') + (extra ? ' ' + extra : '');
        }
      };
      const onContact = e => { contact.hidden = e.target.value !== 'contact'; anonymous.hidden = !contact.hidden; };

      this.#sendBar = h('progress', { id: 'send-progress', max: '100', value: '0' });
      this.#sendText = h('span', { 'aria-hidden': 'true' });
      this.#sending = h('div', { class: 'sending', hidden: true },
        h('label', { for: 'send-progress', text: t('sendingLabel') }), this.#sendBar, this.#sendText,
        h('button', { type: 'button', class: 'secondary', onclick: () => this.#xhr?.abort(), text: t('cancel') }));
      this.#submitBtn = h('button', { type: 'submit', class: 'primary', text: t('submit') });

      this.#form = h('form', { novalidate: true, autocomplete: 'off', 'aria-labelledby': 'title', onsubmit: e => { e.preventDefault(); this.#submit(); }, oninput: () => { this.#dirty = true; } },
        this.#summary,
        h('section', { 'aria-labelledby': 'how-title' },
          this.#heading(1, 'howTitle', 'how-title'), h('p', { text: t('how1') }), h('p', { text: t('how2') }), h('p', { text: t('how3') })),
        h('section', { 'aria-labelledby': 'what-title' },
          this.#heading(1, 'whatTitle', 'what-title'),
          this.#field('description', { rows: 8, req: true }),
          this.#field('occurredAt'),
          this.#field('location'),
          this.#radios('isOngoing', ['yes', 'no', 'unsure']),
          this.#radios('setting', ['physical', 'online', 'other'], onSetting),
          physical, online,
          this.#field('circumstances', { rows: 4 })),
        h('section', { 'aria-labelledby': 'people-title' },
          this.#heading(1, 'peopleTitle', 'people-title'),
          this.#field('reportedPerson', { rows: 4 }),
          this.#field('othersInvolved', { rows: 4 })),
        this.#evidence(),
        h('section', { 'aria-labelledby': 'safety-title' },
          this.#heading(1, 'safetyTitle', 'safety-title'),
          this.#field('safetyConcerns', { rows: 4 }),
          h('div', { class: 'option' },
            h('input', { type: 'checkbox', id: 'f-feelsUnsafe', name: 'feelsUnsafe', value: 'true', onchange: e => { unsafeNote.hidden = !e.target.checked; } }),
            h('label', { for: 'f-feelsUnsafe', text: t('feelsUnsafe') })),
          unsafeNote),
        h('section', { 'aria-labelledby': 'readers-title' },
          this.#heading(1, 'readersTitle', 'readers-title'), h('p', { text: t('readersText') }), this.#committee()),
        h('section', { 'aria-labelledby': 'contact-title' },
          this.#heading(1, 'contactTitle', 'contact-title'),
          this.#radios('contactChoice', ['contact', 'anonymous'], onContact, true), contact, anonymous),
        h('section', { 'aria-labelledby': 'conf-title' },
          this.#heading(1, 'confTitle', 'conf-title'), h('p', { text: t('conf1') }), h('p', { text: t('conf2') })),
        this.#sending,
        h('div', { class: 'actions' }, this.#submitBtn));

      this.#wrap = h('div', { class: 'root', hidden: true, lang: this.#lang, dir: this.#s.dir || 'ltr' },
        this.#heading(0, 'title', 'title'),
        h('section', { class: 'emergency', 'aria-labelledby': 'emergency-title' },
          this.#heading(1, 'emergencyTitle', 'emergency-title'), h('p', { text: t('emergencyText') }), this.#emergencyExtra),
        this.#status, this.#form, this.#done);
      // Shown once the stylesheet is in (or has failed), so nobody sees an unstyled flash.
      const show = () => { this.#wrap.hidden = false; };
      css.onload = css.onerror = show;
      setTimeout(show, 3000);
      this.#shadow.append(css, this.#wrap);
      this.#applyConfig();
    }

    // Registers a control so errors can be shown next to it and linked from the summary.
    #register(name, target, focus, hints, inputs) {
      const err = h('p', { class: 'error', id: 'f-' + name + '-error', hidden: true });
      this.#fields[name] = { target, focus, hint: hints[0], hints, err, inputs };
      this.#describe(name);
      return err;
    }

    #describe(name) {
      const f = this.#fields[name];
      const ids = [...f.hints.map(x => x.id), f.err.hidden ? null : f.err.id].filter(Boolean).join(' ');
      if (ids) f.target.setAttribute('aria-describedby', ids); else f.target.removeAttribute('aria-describedby');
    }

    #setError(name, messages) {
      const f = this.#fields[name];
      if (!f) return;
      const text = (messages || []).join(' ');
      f.err.replaceChildren(h('span', { class: 'sr-only', text: this.#t('errorPrefix') + ' ' }), text);
      f.err.hidden = !text;
      for (const el of f.inputs()) { if (text) el.setAttribute('aria-invalid', 'true'); else el.removeAttribute('aria-invalid'); }
      this.#describe(name);
    }

    // Most questions are optional, so only the required ones are marked.
    #label(name, req) {
      return [this.#t(name), req && h('span', { class: 'req', text: ' ' + this.#t('required') })];
    }

    #field(name, o = {}) {
      const id = 'f-' + name;
      const ctl = o.rows
        ? h('textarea', { id, name, rows: o.rows, required: o.req })
        : h('input', { id, name, type: o.type || 'text', autocomplete: o.auto || 'off', inputmode: o.inputmode, required: o.req, spellcheck: o.type ? 'false' : null });
      const hint = this.#s[name + 'Hint'] ? h('p', { class: 'hint', id: id + '-hint', text: this.#t(name + 'Hint') }) : null;
      const err = this.#register(name, ctl, () => ctl, hint ? [hint] : [], () => [ctl]);
      return h('div', { class: 'field' }, h('label', { for: id }, this.#label(name, o.req)), hint, err, ctl);
    }

    #radios(name, values, onchange, req) {
      const id = 'f-' + name;
      const inputs = values.map(v => h('input', { type: 'radio', id: id + '-' + v, name, value: v, onchange }));
      const fs = h('fieldset', { id, class: 'group' });
      const err = this.#register(name, fs, () => inputs.find(i => i.checked) || inputs[0], [], () => inputs);
      fs.append(h('legend', {}, this.#label(name, req)), err,
        h('div', { class: 'options' }, values.map((v, i) => h('div', { class: 'option' }, inputs[i], h('label', { for: inputs[i].id, text: this.#t(name + '_' + v) })))));
      return fs;
    }

    #committee() {
      this.#members = h('div', { class: 'options' });
      const hint = h('p', { class: 'hint', id: 'f-excludedMembers-hint', text: this.#t('excludedMembersHint') });
      const fs = h('fieldset', { id: 'f-excludedMembers', class: 'group' });
      const err = this.#register('excludedMembers', fs, () => fs.querySelector('input,button'), [hint], () => []);
      fs.append(h('legend', {}, this.#label('excludedMembers')), hint, err, this.#members);
      return fs;
    }

    #evidence() {
      const t = this.#t.bind(this);
      this.#fileInput = h('input', { type: 'file', id: 'f-evidence', name: 'evidence', multiple: true, onchange: () => this.#addFiles() });
      this.#fileList = h('ul', { class: 'files' });
      this.#fileTotal = h('p', { class: 'hint', 'aria-live': 'polite' });
      this.#limits = h('p', { class: 'hint', id: 'f-evidence-limits' });
      const hint = h('p', { class: 'hint', id: 'f-evidence-hint', text: t('evidenceHint') });
      const fs = h('fieldset', { id: 'f-evidence-group', class: 'group evidence' });
      const err = this.#register('evidence', this.#fileInput, () => this.#fileInput, [hint, this.#limits], () => [this.#fileInput]);
      err.setAttribute('aria-live', 'polite');
      fs.append(h('legend', { class: 'legend-heading', text: t('evidence') }),
        hint, this.#limits, err,
        h('label', { for: 'f-evidence', class: 'file-label', text: t('addFiles') }), this.#fileInput,
        this.#fileList, this.#fileTotal);
      return fs;
    }

    // ---- configuration and committee ----

    async #get(path) {
      const r = await fetch(new URL(path, this.#api), { headers: { Accept: 'application/json' }, credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    }

    #loadConfig() {
      this.#get('form-config').then(c => {
        const cfg = this.#cfg;
        for (const k of ['maxFiles', 'maxFileBytes', 'maxReportBytes', 'maxTextLength', 'acknowledgeWithinSeconds', 'followUpWithinSeconds']) if (Number.isFinite(c[k]) && c[k] > 0) cfg[k] = c[k];
        if (Array.isArray(c.allowedTypes) && c.allowedTypes.length) cfg.allowedTypes = c.allowedTypes.filter(x => typeof x === 'string');
        if (typeof c.emergencyNotice === 'string') cfg.emergencyNotice = c.emergencyNotice.trim();
        this.#applyConfig();
      }, () => { /* the built-in defaults match the server's; the server checks again anyway */ });
    }

    #typeNames() {
      const names = [...new Set(this.#cfg.allowedTypes.map(x => (EXT[x]?.[0] || x.split('/').pop()).toUpperCase()))];
      return new Intl.ListFormat(this.#lang, { type: 'unit', style: 'short' }).format(names);
    }

    #applyConfig() {
      const c = this.#cfg;
      this.#emergencyExtra.textContent = c.emergencyNotice;
      this.#emergencyExtra.hidden = !c.emergencyNotice;
      this.#limits.textContent = this.#t('evidenceLimits', { files: c.maxFiles, file: this.#size(c.maxFileBytes), total: this.#size(c.maxReportBytes), types: this.#typeNames() });
      this.#fileInput.accept = c.allowedTypes.concat(...c.allowedTypes.map(x => (EXT[x] || []).map(e => '.' + e))).join(',');
      this.#renderFiles();
    }

    #loadCommittee() {
      const t = this.#t.bind(this);
      this.#members.replaceChildren(h('p', { class: 'hint', text: t('committeeLoading') }));
      this.#get('committee').then(list => {
        if (!Array.isArray(list)) throw new Error('committee');
        const items = list.filter(m => m && m.id != null && m.name).map((m, i) => h('div', { class: 'option' },
          h('input', { type: 'checkbox', id: 'f-excludedMembers-' + i, name: 'excludedMembers', value: String(m.id) }),
          h('label', { for: 'f-excludedMembers-' + i, text: String(m.name) })));
        this.#members.replaceChildren(...(items.length ? items : [h('p', { class: 'hint', text: t('committeeEmpty') })]));
      }).catch(() => {
        this.#members.replaceChildren(h('p', { class: 'warning', text: t('committeeFailed') }),
          h('button', { type: 'button', class: 'secondary', onclick: () => this.#loadCommittee(), text: t('reload') }));
      });
    }

    // ---- evidence files ----

    #typeOk(file) {
      const allowed = this.#cfg.allowedTypes;
      const ext = extOf(file.name);
      return allowed.includes(file.type) || allowed.some(x => (EXT[x] || []).includes(ext));
    }

    // Returns the reason a file can't be sent alongside those before it, or null.
    #fileProblem(file, count, total) {
      const c = this.#cfg, v = { name: file.name };
      if (!this.#typeOk(file)) return this.#t('eFileType', { ...v, types: this.#typeNames() });
      if (!file.size) return this.#t('eFileEmpty', v);
      if (file.size > c.maxFileBytes) return this.#t('eFileSize', { ...v, size: this.#size(file.size), max: this.#size(c.maxFileBytes) });
      if (count >= c.maxFiles) return this.#t('eFileCount', { ...v, max: c.maxFiles });
      if (total + file.size > c.maxReportBytes) return this.#t('eFileTotal', { ...v, max: this.#size(c.maxReportBytes) });
      return null;
    }

    #addFiles() {
      const problems = [];
      let added = 0, total = this.#files.reduce((a, f) => a + f.size, 0);
      for (const f of this.#fileInput.files) {
        if (this.#files.some(g => g.name === f.name && g.size === f.size && g.lastModified === f.lastModified)) continue;
        const p = this.#fileProblem(f, this.#files.length, total);
        if (p) problems.push(p);
        else { this.#files.push(f); total += f.size; added++; }
      }
      this.#fileInput.value = '';
      this.#dirty = true;
      this.#setError('evidence', problems);
      this.#applyConfig();
      if (added) this.#say(this.#t('filesAdded', { n: added }));
    }

    #renderFiles() {
      const t = this.#t.bind(this);
      this.#bars = [];
      this.#fileList.replaceChildren(...this.#files.map((f, i) => {
        const bar = h('progress', { id: 'file-progress-' + i, max: '100', value: '0' });
        this.#bars.push(bar);
        return h('li', { class: 'file' },
          h('span', { class: 'file-name', text: f.name }),
          h('span', { class: 'file-size', text: this.#size(f.size) }),
          h('label', { class: 'sr-only', for: bar.id, text: t('fileProgress', { name: f.name }) }), bar,
          h('button', { type: 'button', class: 'link', 'aria-label': t('removeFile', { name: f.name }), disabled: !!this.#xhr, onclick: () => this.#removeFile(i), text: t('remove') }));
      }));
      const total = this.#files.reduce((a, f) => a + f.size, 0);
      this.#fileTotal.textContent = this.#files.length ? t('filesTotal', { size: this.#size(total), max: this.#size(this.#cfg.maxReportBytes) }) : '';
    }

    #removeFile(i) {
      const [f] = this.#files.splice(i, 1);
      this.#renderFiles();
      this.#setError('evidence', []);
      const buttons = this.#fileList.querySelectorAll('button');
      (buttons[Math.min(i, buttons.length - 1)] || this.#fileInput).focus();
      this.#say(this.#t('removed', { name: f.name }));
    }

    // ---- validation and sending ----

    #value(name) {
      const el = this.#form.elements.namedItem(name);
      return el ? String(el.value).trim() : '';
    }

    #link() {
      const v = this.#value('conversationLink');
      if (!v) return '';
      const u = /^[a-z][a-z0-9+.-]*:/i.test(v) ? v : 'https://' + v;
      try { const url = new URL(u); return /^https?:$/.test(url.protocol) && url.hostname ? url.href : null; } catch { return null; }
    }

    #validate() {
      const t = this.#t.bind(this), e = {}, max = this.#cfg.maxTextLength;
      const add = (n, m) => { (e[n] = e[n] || []).push(m); };
      if (!this.#value('description')) add('description', t('eDescription'));
      const choice = this.#value('contactChoice');
      if (!choice) add('contactChoice', t('eContactChoice'));
      if (choice === 'contact') {
        const email = this.#fields.contactEmail.focus();
        if (!email.value.trim()) add('contactEmail', t('eContactEmail'));
        else if (email.validity.typeMismatch || !/^[^\s@]+@[^\s@]+$/.test(email.value.trim())) add('contactEmail', t('eEmail'));
      }
      if (this.#value('setting') === 'online' && this.#link() === null) add('conversationLink', t('eUrl'));
      for (const n of TEXT) {
        const len = this.#value(n).length;
        if (len > max) add(n, t('eTooLong', { n: len.toLocaleString(this.#lang), max: max.toLocaleString(this.#lang) }));
      }
      let total = 0;
      this.#files.forEach((f, i) => { const p = this.#fileProblem(f, i, total); if (p) add('evidence', p); total += f.size; });
      return Object.keys(e).length ? e : null;
    }

    // Only what applies is sent: no contact details when anonymous, no event or online details
    // for another setting. Text comes first and files last, so upload progress maps onto files.
    #payload() {
      const fd = new FormData(), v = n => this.#value(n);
      fd.append('lang', this.#lang);
      const put = n => { const x = n === 'conversationLink' ? this.#link() : v(n); if (x) fd.append(n, x); };
      ['description', 'occurredAt', 'location', 'isOngoing', 'circumstances', 'reportedPerson', 'othersInvolved', 'setting'].forEach(put);
      if (v('setting') === 'physical') put('eventName');
      if (v('setting') === 'online') { put('onlineSpace'); put('conversationLink'); }
      put('safetyConcerns');
      if (this.#form.elements.namedItem('feelsUnsafe').checked) fd.append('feelsUnsafe', 'true');
      for (const box of this.#members.querySelectorAll('input:checked')) fd.append('excludedMembers', box.value);
      put('contactChoice');
      if (v('contactChoice') === 'contact') { put('contactName'); put('contactEmail'); }
      for (const f of this.#files) fd.append('evidence', f, f.name);
      return fd;
    }

    #clearErrors() {
      for (const n in this.#fields) this.#setError(n, []);
      this.#summary.hidden = true;
    }

    // items: [[fieldName | null, message]]; retry adds a "Try again" button.
    #showSummary(items, message, retry) {
      const t = this.#t.bind(this);
      fill(this.#summary,
        this.#heading(1, 'summaryTitle', 'summary-title'),
        message && h('p', { text: message }),
        items.length > 0 && h('ul', {}, items.map(([n, m]) => h('li', {}, this.#fields[n]
          ? h('a', { href: '#f-' + n, onclick: ev => { ev.preventDefault(); this.#fields[n].focus()?.focus(); }, text: m })
          : m))),
        retry && h('button', { type: 'button', class: 'primary', onclick: () => this.#submit(), text: t('retry') }));
      this.#summary.hidden = false;
      this.#summary.focus();
    }

    #showErrors(errors, message, retry) {
      const items = [];
      for (const n in errors) {
        this.#setError(n, errors[n]);
        for (const m of errors[n]) items.push([n, m]);
      }
      this.#showSummary(items, message, retry);
    }

    #submit() {
      if (this.#xhr) return;
      this.#clearErrors();
      const errors = this.#validate();
      if (errors) return this.#showErrors(errors);
      // One key per filled form, kept for every retry, so the server never files it twice.
      this.#key = this.#key || uuid();
      const x = this.#xhr = new XMLHttpRequest();
      x.open('POST', new URL('reports', this.#api));
      x.setRequestHeader('Accept', 'application/json');
      x.setRequestHeader('Idempotency-Key', this.#key);
      x.upload.onprogress = e => this.#progress(e.loaded, e.lengthComputable ? e.total : 0);
      x.onload = () => this.#loaded(x);
      x.onerror = x.ontimeout = () => this.#failed(this.#t('networkError'));
      x.onabort = () => this.#failed(this.#t('cancelled'));
      this.#busy(true);
      x.send(this.#payload());
    }

    #busy(on) {
      this.#sending.hidden = !on;
      this.#submitBtn.disabled = on;
      this.#fileInput.disabled = on;
      for (const b of this.#fileList.querySelectorAll('button')) b.disabled = on;
      // After a failed attempt full bars would suggest the files had arrived, so start again at zero.
      this.#lastSaid = -1;
      this.#progress(0, 0);
      this.#bars.forEach(b => { b.value = 0; });
    }

    #progress(loaded, total) {
      const pct = total ? Math.floor((loaded / total) * 100) : 0;
      this.#sendBar.value = pct;
      this.#sendText.textContent = this.#t('sendingPercent', { percent: pct });
      if (total) {
        // The text parts go first, so whatever is beyond them belongs to the files in order.
        let at = total - this.#files.reduce((a, f) => a + f.size, 0);
        this.#files.forEach((f, i) => {
          this.#bars[i].value = Math.max(0, Math.min(100, ((loaded - at) / f.size) * 100));
          at += f.size;
        });
      }
      const step = Math.floor(pct / 25) * 25;
      if (step !== this.#lastSaid) { this.#lastSaid = step; this.#say(this.#t('sent', { percent: step })); }
    }

    #failed(message) {
      this.#xhr = null;
      this.#busy(false);
      this.#showSummary([], message, true);
    }

    #loaded(x) {
      this.#xhr = null;
      this.#busy(false);
      let body = null;
      try { body = JSON.parse(x.responseText); } catch { /* not JSON: handled below */ }
      const st = x.status, p = body && typeof body === 'object' ? body : {};
      if (st >= 200 && st < 300) {
        if (p.reference && p.receiptCode) return this.#confirm(p);
        return this.#showSummary([], this.#t('unreadable'), true);
      }
      if (st === 400 && p.errors && typeof p.errors === 'object') {
        const errors = {}, other = [];
        for (const k in p.errors) {
          const list = [].concat(p.errors[k]).map(String);
          const base = k.split(/[.[]/)[0].toLowerCase();
          const n = Object.keys(this.#fields).find(f => f.toLowerCase() === base);
          if (n) errors[n] = (errors[n] || []).concat(list); else other.push(...list);
        }
        this.#showErrors(errors, [p.detail, ...other].filter(Boolean).join(' ') || null);
        return;
      }
      if (st === 413 || st === 415) {
        return this.#showErrors({ evidence: [p.detail || this.#t(st === 413 ? 'eTooLarge' : 'eType')] });
      }
      if (st === 429) {
        // The wait is in the body too: a cross-origin page may not read Retry-After.
        const min = Math.ceil((+x.getResponseHeader('Retry-After') || +p.retryAfter || 60) / 60);
        return this.#showSummary([], this.#t('tooMany', { wait: this.#t(min > 1 ? 'minutes' : 'minute', { n: min }) }), true);
      }
      // 409: the server holds a different report under this key (sent before an edit, its answer lost). That one
      // stays with the committee; trying again sends this one as a report of its own, under a new key.
      if (st === 409) this.#key = null;
      // This and anything else (5xx…) leaves the report untouched and can be tried again.
      const msg = st >= 500 || !(p.detail || p.title) ? this.#t('serverError', { status: st }) : p.detail || p.title;
      this.#showSummary([], msg, true);
    }

    // ---- after sending ----

    #confirm(r) {
      const t = this.#t.bind(this);
      this.#receipt = r;
      this.#saved = false;
      // The report is on the server now: clear it from the page straight away.
      this.#reset();
      let status = null;
      try { const u = new URL(r.statusUrl, this.#api); if (/^https?:$/.test(u.protocol)) status = u.href; } catch { /* no link then */ }
      const code = (key, value) => {
        const el = h('code', { class: 'code', id: 'done-' + key, text: value });
        return [h('dt', { text: t(key) }), h('dd', {}, el, ' ', h('button', {
          type: 'button', class: 'secondary', 'aria-label': t(key === 'reference' ? 'copyReference' : 'copyReceiptCode'),
          onclick: () => this.#copy(value, el), text: t('copy')
        }))];
      };
      const finish = h('button', { type: 'button', class: 'primary', disabled: true, 'aria-describedby': 'finish-hint', onclick: () => this.#finish(), text: t('finish') });
      fill(this.#done,
        this.#heading(1, 'doneTitle', 'done-title'),
        h('p', { text: t('doneThanks', { acknowledge: this.#duration(this.#cfg.acknowledgeWithinSeconds), followUp: this.#duration(this.#cfg.followUpWithinSeconds) }) }),
        h('p', { class: 'important', text: t('doneSave') }),
        h('dl', { class: 'codes' }, code('reference', String(r.reference)), code('receiptCode', String(r.receiptCode))),
        h('p', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => this.#download(r, status), text: t('download') })),
        status && h('p', {}, h('a', { href: status, target: '_blank', rel: 'noopener noreferrer' }, t('statusLink'), h('span', { class: 'sr-only', text: ' ' + t('newTab') }))),
        h('div', { class: 'option' },
          h('input', { type: 'checkbox', id: 'done-saved', onchange: e => { this.#saved = e.target.checked; finish.disabled = !this.#saved; } }),
          h('label', { for: 'done-saved', text: t('savedCheck') })),
        h('p', { class: 'hint', id: 'finish-hint', text: t('finishHint') }),
        h('div', { class: 'actions' }, finish));
      this.#form.hidden = true;
      this.#done.hidden = false;
      this.#done.focus();
    }

    async #copy(text, el) {
      try {
        await navigator.clipboard.writeText(text);
        this.#say(this.#t('copied'));
      } catch {
        // In a sandboxed frame without clipboard permission: select it so the reporter can copy by hand.
        getSelection()?.selectAllChildren(el);
        this.#say(this.#t('copyFailed'));
      }
    }

    #download(r, status) {
      const text = this.#t('downloadText', { reference: r.reference, receiptCode: r.receiptCode, statusUrl: status || '', date: new Date().toLocaleString(this.#lang) });
      const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
      const a = h('a', { href: url, download: this.#t('downloadName', { reference: String(r.reference).replace(/[^\w-]/g, '_') }), hidden: true });
      this.#shadow.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    }

    #reset() {
      this.#form.reset();
      this.#files = [];
      this.#key = null;
      this.#dirty = false;
      this.#clearErrors();
      for (const el of this.#form.querySelectorAll('.cond, .note')) el.hidden = true;
      for (const n of ['reportedPerson', 'evidence']) this.#fields[n].hint.textContent = this.#t(n + 'Hint');
      this.#applyConfig();
    }

    #finish() {
      if (!this.#saved) return;
      this.#receipt = null;
      this.#done.replaceChildren();
      this.#done.hidden = true;
      this.#form.hidden = false;
      this.#fields.description.focus().focus();
      this.#say(this.#t('ready'));
    }
  }

  customElements.define(TAG, CocReportForm);
})();
