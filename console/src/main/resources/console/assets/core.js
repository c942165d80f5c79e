// What every page of the console shares: the API client, the browser session, building the DOM, forms that show the
// API's errors next to what caused them, and navigation. No inline scripts anywhere (the Content-Security-Policy
// allows scripts from this origin only). The access token lives in this module's memory only; the refresh token is an
// HttpOnly cookie that auth-service sets on /api/v1/auth/session, which no script can read.

export const state = { session: null }; // {accessToken, user}

const listeners = { route: () => {}, session: () => {} };

/** The router and the navigation bar register themselves here (they import the pages, which import this module). */
export function onRoute(fn) { listeners.route = fn; }
export function onSessionChange(fn) { listeners.session = fn; }

// ---- API -------------------------------------------------------------------------------------------------------

export class ApiError extends Error {
  constructor(status, envelope, retryAfter) {
    super(envelope?.message || `The request failed (${status})`);
    this.status = status;
    this.code = envelope?.error_code;
    this.fields = envelope?.errors || {};
    this.requestId = envelope?.request_id;
    this.retryAfter = retryAfter;
  }
}

function headers(body, extra = {}) {
  const all = { Accept: 'application/json', ...extra };
  if (body !== undefined) all['Content-Type'] = 'application/json';
  if (state.session) all.Authorization = `Bearer ${state.session.accessToken}`;
  return all;
}

/** A call to the API as the signed-in person: the envelope's `data`, or an ApiError; one refresh on a 401. */
export async function api(method, path, body, retried = false) {
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers: headers(body),
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (response.status === 401 && state.session && !retried && (await refresh())) {
    return api(method, path, body, true);
  }
  if (response.status === 204) return null;
  const envelope = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, envelope, response.headers.get('Retry-After'));
  return envelope?.data ?? null;
}

/** Like {@link api}, with the whole envelope: lists carry their paging in `meta`. */
export async function apiPage(path) {
  const response = await fetch(`/api/v1${path}`, { headers: headers(), credentials: 'same-origin' });
  if (response.status === 401 && state.session && (await refresh())) return apiPage(path);
  const envelope = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, envelope, response.headers.get('Retry-After'));
  return { items: envelope?.data ?? [], meta: envelope?.meta ?? {} };
}

/**
 * A streamed download (audit exports) saved as a file: the call needs the bearer token, so the browser cannot follow a
 * plain link; the body is collected and handed to the browser's download.
 */
export async function download(path, filename) {
  const response = await fetch(`/api/v1${path}`, { headers: headers(undefined, { Accept: '*/*' }), credentials: 'same-origin' });
  if (!response.ok) {
    const envelope = await response.json().catch(() => null);
    throw new ApiError(response.status, envelope, response.headers.get('Retry-After'));
  }
  const url = URL.createObjectURL(await response.blob());
  const anchor = h('a', { href: url, download: filename, hidden: true });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Server-sent events with the bearer token (EventSource cannot send one): calls `onEvent(name, data)` for each event
 * until `signal` aborts or the server ends the stream. Resolves once the stream is open.
 */
export async function stream(path, onEvent, signal) {
  const response = await fetch(`/api/v1${path}`, {
    headers: headers(undefined, { Accept: 'text/event-stream' }), credentials: 'same-origin', signal,
  });
  if (!response.ok) {
    const envelope = await response.json().catch(() => null);
    throw new ApiError(response.status, envelope, response.headers.get('Retry-After'));
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value.replace(/\r\n/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let name = 'message';
          const data = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) name = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (data.length) {
            let parsed;
            try { parsed = JSON.parse(data.join('\n')); } catch { parsed = data.join('\n'); }
            onEvent(name, parsed);
          }
        }
      }
    } catch {
      // aborted or the connection dropped: the page decides whether to open a new one
    }
  })();
}

/** The browser session's calls: the cookie travels by itself; the header proves the call comes from this page. */
export async function sessionCall(method, path, body) {
  const response = await fetch(`/api/v1/auth/session${path}`, {
    method,
    headers: { Accept: 'application/json', 'X-Console': '1', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (response.status === 204) return null;
  const envelope = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, envelope, response.headers.get('Retry-After'));
  return envelope?.data ?? null;
}

export async function refresh() {
  try {
    signedIn(await sessionCall('POST', '/refresh'));
    return true;
  } catch {
    state.session = null;
    listeners.session();
    return false;
  }
}

export function signedIn(tokens) {
  state.session = { accessToken: tokens.access_token, user: tokens.user || state.session?.user };
  listeners.session();
}

export async function signOut() {
  try {
    await sessionCall('DELETE', '');
  } finally {
    state.session = null;
    listeners.session();
    go('/login');
  }
}

// ---- DOM helpers -----------------------------------------------------------------------------------------------

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined) element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

let leaving = []; // what the shown page asked to run when it goes (open streams)
let arriving = []; // the same for the page being built

/** Runs `fn` when the page being built is replaced by another (or by itself, reloaded). */
export function onLeave(fn) { arriving.push(fn); }

export function show(...children) {
  for (const fn of leaving) fn();
  leaving = arriving;
  arriving = [];
  const app = document.getElementById('app');
  app.replaceChildren(...children.flat(Infinity));
  const heading = app.querySelector('h1');
  if (heading) document.title = `${heading.textContent} · Chatbot SaaS`;
}

export function field(label, name, type = 'text', attributes = {}) {
  const input = type === 'textarea'
    ? h('textarea', { name, id: `field-${name}`, rows: 4, ...attributes }, attributes.value ?? '')
    : h('input', { name, type, id: `field-${name}`, ...attributes });
  return h('label', {}, label, input, h('span', { class: 'error', id: `error-${name}`, role: 'alert' }));
}

/** A select of `options` (strings or [value, label] pairs) with its label and its error slot. */
export function choice(label, name, options, selected, attributes = {}) {
  return h('label', {}, label,
    h('select', { name, id: `field-${name}`, ...attributes }, options.map((o) => {
      const [value, text] = Array.isArray(o) ? o : [o, o];
      return h('option', { value, selected: value === selected }, text);
    })),
    h('span', { class: 'error', id: `error-${name}`, role: 'alert' }));
}

/**
 * A form whose submit runs `action` with its values, shows progress, and shows the API's errors next to the fields
 * they name (the envelope's `errors`), or above the form (its `message`, with the wait of a 429). Fields named
 * `a.b` in the envelope's errors (nested request fields) are shown next to the field named `b` when there is no `a.b`.
 */
export function form(id, fields, submitLabel, action) {
  const notice = h('p', { class: 'notice error', id: `${id}-error`, role: 'alert', hidden: true });
  const button = h('button', { type: 'submit' }, submitLabel);
  const element = h('form', { id, novalidate: true }, notice, fields, button);
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = {};
    for (const [name, value] of new FormData(element).entries()) {
      if (name in values) values[name] = [].concat(values[name], value);
      else values[name] = value;
    }
    notice.hidden = true;
    element.querySelectorAll('.error').forEach((e) => { if (e !== notice) e.textContent = ''; });
    element.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
    button.disabled = true;
    element.setAttribute('aria-busy', 'true');
    const label = button.textContent;
    button.textContent = 'Working…';
    try {
      await action(values);
    } catch (error) {
      showError(element, notice, error);
    } finally {
      button.disabled = false;
      element.removeAttribute('aria-busy');
      button.textContent = label;
    }
  });
  return element;
}

export function showError(element, notice, error) {
  if (!(error instanceof ApiError)) {
    notice.textContent = 'The server could not be reached. Try again.';
    notice.hidden = false;
    return;
  }
  let placed = false;
  for (const [name, messages] of Object.entries(error.fields)) {
    const candidates = [name, name.split('.').pop()];
    for (const candidate of candidates) {
      const slot = element.querySelector(`#error-${CSS.escape(candidate)}`);
      if (slot) {
        slot.textContent = [].concat(messages).join(', ');
        element.querySelector(`[name="${CSS.escape(candidate)}"]`)?.setAttribute('aria-invalid', 'true');
        placed = true;
        break;
      }
    }
  }
  if (!placed || error.status !== 422) {
    notice.textContent = describe(error);
    notice.hidden = false;
  }
}

/** The API's own words for a failure, with the wait of a 429. */
export function describe(error) {
  if (!(error instanceof ApiError)) return 'The server could not be reached. Try again.';
  const wait = error.status === 429 && error.retryAfter ? ` Try again in ${error.retryAfter} s.` : '';
  return error.message + wait;
}

export function notice(text, kind = '', attributes = {}) {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status', ...attributes }, text);
}

/** A place for the failures of buttons in a list; `attempt` runs an action with the button busy and shows its error. */
export function problems(id) {
  const slot = h('p', { class: 'notice error', id, role: 'alert', hidden: true });
  const attempt = async (button, action, after) => {
    slot.hidden = true;
    button.disabled = true;
    try {
      await action();
      if (after) await after();
    } catch (error) {
      slot.textContent = describe(error);
      slot.hidden = false;
    } finally {
      button.disabled = false;
    }
  };
  return { slot, attempt };
}

export function button(text, onclick, attributes = {}) {
  return h('button', { type: 'button', class: 'link', onclick, ...attributes }, text);
}

export function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}

/** A secret the API shows once: shown with a warning and a copy button, never stored by the page. */
export function shownOnce(label, value, id) {
  const output = h('code', { id }, value);
  return h('div', { class: 'notice secret', role: 'status' },
    h('strong', {}, label), ' — shown once; copy it now, it cannot be shown again.', h('br'), output, ' ',
    button('Copy', () => navigator.clipboard?.writeText(value)));
}

// ---- Navigation ------------------------------------------------------------------------------------------------

export function go(path, replace = false) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  listeners.route();
}

export function link(path, text, attributes = {}) {
  return h('a', { href: path, 'data-link': true, ...attributes }, text);
}

/** The page to return to after signing in: only a path of this console, never another site. */
export function nextPath() {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/organizations';
}

export function requireSession() {
  if (state.session) return true;
  go(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, true);
  return false;
}

/** A page that loads first: a heading and "Loading…", then `render` with what `load` returned, or the error. */
export async function loading(title, load, render) {
  show(h('h1', {}, title), h('p', { class: 'muted' }, 'Loading…'));
  let loaded;
  try {
    loaded = await load();
  } catch (error) {
    show(h('h1', {}, title), notice(describe(error), 'error'), h('p', {}, link('/organizations', 'All organizations')));
    return;
  }
  render(loaded);
}
