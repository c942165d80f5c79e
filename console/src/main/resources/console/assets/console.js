// The web console: one page per route, same origin as /api. No inline scripts (the page's Content-Security-Policy
// allows scripts from this origin only). The access token lives in this module's memory only; the refresh token is
// an HttpOnly cookie that auth-service sets on /api/v1/auth/session, which no script can read. A reload asks that
// endpoint for a new access token.

const app = document.getElementById('app');
const nav = document.getElementById('nav');

let session = null; // {accessToken, user}

// ---- API -------------------------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, envelope, retryAfter) {
    super(envelope?.message || `The request failed (${status})`);
    this.status = status;
    this.code = envelope?.error_code;
    this.fields = envelope?.errors || {};
    this.requestId = envelope?.request_id;
    this.retryAfter = retryAfter;
  }
}

async function api(method, path, body, retried = false) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (session) headers.Authorization = `Bearer ${session.accessToken}`;
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (response.status === 401 && session && !retried && (await refresh())) {
    return api(method, path, body, true);
  }
  if (response.status === 204) return null;
  const envelope = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, envelope, response.headers.get('Retry-After'));
  return envelope?.data ?? null;
}

/** The browser session's calls: the cookie travels by itself; the header proves the call comes from this page. */
async function sessionCall(method, path, body) {
  const headers = { Accept: 'application/json', 'X-Console': '1' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api/v1/auth/session${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (response.status === 204) return null;
  const envelope = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, envelope, response.headers.get('Retry-After'));
  return envelope?.data ?? null;
}

async function refresh() {
  try {
    signedIn(await sessionCall('POST', '/refresh'));
    return true;
  } catch {
    session = null;
    renderNav();
    return false;
  }
}

function signedIn(tokens) {
  session = { accessToken: tokens.access_token, user: tokens.user || session?.user };
  renderNav();
}

// ---- DOM helpers -----------------------------------------------------------------------------------------------

function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

function show(...children) {
  app.replaceChildren(...children.flat());
  const heading = app.querySelector('h1');
  if (heading) document.title = `${heading.textContent} · Chatbot SaaS`;
}

function field(label, name, type = 'text', attributes = {}) {
  return h('label', {}, label, h('input', { name, type, id: `field-${name}`, ...attributes }),
    h('span', { class: 'error', id: `error-${name}`, role: 'alert' }));
}

/**
 * A form whose submit runs `action` with its values, shows progress, and shows the API's errors next to the fields
 * they name (the envelope's `errors`), or above the form (its `message`, with the wait of a 429).
 */
function form(id, fields, submitLabel, action) {
  const notice = h('p', { class: 'notice error', id: `${id}-error`, role: 'alert', hidden: true });
  const button = h('button', { type: 'submit' }, submitLabel);
  const element = h('form', { id, novalidate: true }, notice, fields, button);
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(element).entries());
    notice.hidden = true;
    element.querySelectorAll('.error').forEach((e) => { if (e !== notice) e.textContent = ''; });
    element.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
    button.disabled = true;
    const label = button.textContent;
    button.textContent = 'Working…';
    try {
      await action(values);
    } catch (error) {
      showError(element, notice, error);
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  });
  return element;
}

function showError(element, notice, error) {
  if (!(error instanceof ApiError)) {
    notice.textContent = 'The server could not be reached. Try again.';
    notice.hidden = false;
    return;
  }
  let placed = false;
  for (const [name, messages] of Object.entries(error.fields)) {
    const slot = element.querySelector(`#error-${CSS.escape(name)}`);
    if (slot) {
      slot.textContent = messages.join(', ');
      element.querySelector(`[name="${CSS.escape(name)}"]`)?.setAttribute('aria-invalid', 'true');
      placed = true;
    }
  }
  if (!placed || error.status !== 422) {
    const wait = error.status === 429 && error.retryAfter ? ` Try again in ${error.retryAfter} s.` : '';
    notice.textContent = error.message + wait;
    notice.hidden = false;
  }
}

function notice(text, kind = '') {
  return h('p', { class: `notice ${kind}`, role: 'status' }, text);
}

// ---- Navigation ------------------------------------------------------------------------------------------------

function go(path, replace = false) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  route();
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-link]');
  if (link && link.origin === location.origin && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    go(link.pathname + link.search);
  }
});
window.addEventListener('popstate', route);

function link(path, text) {
  return h('a', { href: path, 'data-link': true }, text);
}

function renderNav() {
  if (session) {
    nav.replaceChildren(
      link('/organizations', 'Organizations'),
      h('a', { href: '/account', 'data-link': true, id: 'signed-in-as' }, session.user?.email || 'Account'),
      h('button', { class: 'link', id: 'sign-out', onclick: signOut }, 'Sign out'));
  } else {
    nav.replaceChildren(link('/login', 'Sign in'), link('/register', 'Register'));
  }
}

async function signOut() {
  try {
    await sessionCall('DELETE', '');
  } finally {
    session = null;
    renderNav();
    go('/login');
  }
}

/** The page to return to after signing in: only a path of this console, never another site. */
function nextPath() {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/organizations';
}

function requireSession() {
  if (session) return true;
  go(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, true);
  return false;
}

// ---- Pages -----------------------------------------------------------------------------------------------------

const pages = [
  [/^\/$/, () => go(session ? '/organizations' : '/login', true)],
  [/^\/login$/, loginPage],
  [/^\/register$/, registerPage],
  [/^\/password\/forgot$/, forgotPage],
  [/^\/password\/reset$/, resetPage],
  [/^\/email\/verify$/, verifyPage],
  [/^\/invitations\/([^/]+)$/, invitationPage],
  [/^\/organizations$/, organizationsPage],
  [/^\/organizations\/([0-9a-f-]{36})$/, organizationPage],
  [/^\/account$/, accountPage],
];

function route() {
  for (const [pattern, page] of pages) {
    const match = location.pathname.match(pattern);
    if (match) {
      page(...match.slice(1).map(decodeURIComponent));
      return;
    }
  }
  show(h('h1', {}, 'Page not found'), h('p', {}, link('/', 'Back to the console')));
}

function loginPage() {
  const next = nextPath();
  const query = next === '/organizations' ? '' : `?next=${encodeURIComponent(next)}`;
  show(
    h('h1', {}, 'Sign in'),
    form('login-form', [
      field('Email', 'email', 'email', { autocomplete: 'username', required: true }),
      field('Password', 'password', 'password', { autocomplete: 'current-password', required: true }),
    ], 'Sign in', async (values) => {
      signedIn(await sessionCall('POST', '', values));
      go(next, true);
    }),
    h('p', {}, link(`/register${query}`, 'Create an account'), ' · ', link('/password/forgot', 'Forgot your password?')));
}

function registerPage() {
  show(
    h('h1', {}, 'Create an account'),
    form('register-form', [
      field('Name', 'name', 'text', { autocomplete: 'name', required: true }),
      field('Email', 'email', 'email', { autocomplete: 'email', required: true }),
      field('Password', 'password', 'password', { autocomplete: 'new-password', minlength: 8, required: true }),
      field('Repeat the password', 'password_confirmation', 'password', { autocomplete: 'new-password' }),
    ], 'Create account', async (values) => {
      await api('POST', '/auth/register', values);
      const query = location.search;
      show(
        h('h1', {}, 'Check your inbox'),
        notice(`We sent a link to ${values.email}. Follow it to verify your address, then sign in.`),
        h('p', {}, link(`/login${query}`, 'Sign in')));
    }),
    h('p', {}, 'Already registered? ', link(`/login${location.search}`, 'Sign in')));
}

function forgotPage() {
  show(
    h('h1', {}, 'Forgot your password?'),
    form('forgot-form', [field('Email', 'email', 'email', { autocomplete: 'email', required: true })],
      'Send me a link', async (values) => {
        await api('POST', '/auth/password/forgot', values);
        show(h('h1', {}, 'Check your inbox'),
          notice(`If ${values.email} has an account, a link to choose a new password is on its way.`));
      }));
}

function resetPage() {
  const params = new URLSearchParams(location.search);
  const token = params.get('token');
  if (!token) {
    show(h('h1', {}, 'Choose a new password'),
      notice('This link is incomplete. Ask for a new one.', 'error'), h('p', {}, link('/password/forgot', 'Forgot your password?')));
    return;
  }
  show(
    h('h1', {}, 'Choose a new password'),
    params.get('email') ? h('p', { class: 'muted' }, `For ${params.get('email')}`) : null,
    form('reset-form', [
      field('New password', 'password', 'password', { autocomplete: 'new-password', minlength: 8, required: true }),
      field('Repeat the password', 'password_confirmation', 'password', { autocomplete: 'new-password' }),
      h('span', { class: 'error', id: 'error-token' }),
    ], 'Save password', async (values) => {
      await api('POST', '/auth/password/reset', { ...values, token });
      history.replaceState(null, '', '/password/reset'); // the token is spent: keep it out of the history
      show(h('h1', {}, 'Password changed'), notice('Your password was changed. Sign in with the new one.'),
        h('p', {}, link('/login', 'Sign in')));
    }));
}

async function verifyPage() {
  const token = new URLSearchParams(location.search).get('token');
  show(h('h1', {}, 'Verify your email'), h('p', { class: 'muted' }, 'Verifying…'));
  try {
    if (!token) throw new Error('This link is incomplete.');
    await api('POST', '/auth/email/verify', { token });
    if (session) await refresh(); // a new access token that says the address is verified
    history.replaceState(null, '', '/email/verify'); // the token is spent: keep it out of the history
    show(h('h1', {}, 'Email verified'), notice('Your address is verified.', ''),
      h('p', {}, session ? link('/organizations', 'Continue') : link('/login', 'Sign in')));
  } catch (error) {
    show(h('h1', {}, 'Verify your email'), notice(`${error.message} Sign in to ask for a new link.`, 'error'),
      h('p', {}, link('/login', 'Sign in')));
  }
}

function invitationPage(token) {
  if (!requireSession()) return;
  const accept = form('accept-form', [], 'Accept the invitation', async () => {
    const accepted = await api('POST', `/invitations/${encodeURIComponent(token)}/accept`);
    const organizationId = accepted?.organization_id || accepted?.organization?.id;
    go(organizationId ? `/organizations/${organizationId}` : '/organizations', true);
  });
  show(
    h('h1', {}, 'Join an organization'),
    h('p', {}, `You are signed in as ${session.user?.email}. The invitation must have been sent to this address.`),
    accept);
}

async function organizationsPage() {
  if (!requireSession()) return;
  show(h('h1', {}, 'Organizations'), h('p', { class: 'muted' }, 'Loading…'));
  let organizations;
  try {
    organizations = await api('GET', '/organizations');
  } catch (error) {
    show(h('h1', {}, 'Organizations'), notice(error.message, 'error'));
    return;
  }
  const list = organizations.length
    ? h('table', { id: 'organizations' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Role'), h('th', {}, 'Plan'))),
      h('tbody', {}, organizations.map((o) => h('tr', {},
        h('td', {}, link(`/organizations/${o.id}`, o.name)), h('td', {}, o.role || ''), h('td', {}, o.plan || '')))))
    : h('p', { id: 'organizations', class: 'muted' }, 'You are not a member of any organization yet.');
  show(
    h('h1', {}, 'Organizations'),
    list,
    h('h2', {}, 'New organization'),
    form('organization-form', [field('Name', 'name', 'text', { required: true })], 'Create', async (values) => {
      const created = await api('POST', '/organizations', values);
      go(`/organizations/${created.id}`);
    }));
}

async function organizationPage(organizationId) {
  if (!requireSession()) return;
  show(h('h1', {}, 'Organization'), h('p', { class: 'muted' }, 'Loading…'));
  const base = `/organizations/${organizationId}`;
  let organization, members, roles, invitations;
  try {
    [organization, members, roles] = await Promise.all([
      api('GET', base),
      api('GET', `${base}/members?per_page=100`),
      api('GET', `${base}/roles`).catch(() => []),
    ]);
    invitations = await api('GET', `${base}/invitations`).catch(() => null); // only for those who manage members
  } catch (error) {
    show(h('h1', {}, 'Organization'), notice(error.message, 'error'), h('p', {}, link('/organizations', 'All organizations')));
    return;
  }
  const roleNames = roles.map((r) => r.name);
  const reload = () => organizationPage(organizationId);
  const problem = h('p', { class: 'notice error', id: 'members-error', role: 'alert', hidden: true });
  const attempt = async (button, action) => {
    problem.hidden = true;
    button.disabled = true;
    try {
      await action();
      await reload();
    } catch (error) {
      problem.textContent = error.message;
      problem.hidden = false;
      button.disabled = false;
    }
  };
  const roleSelect = (name, selected, attributes = {}) => h('select', { name, ...attributes },
    roleNames.filter((r) => r !== 'owner' || selected === 'owner').map((r) => h('option', { value: r, selected: r === selected }, r)));
  const memberRow = (m) => {
    const select = roleSelect('role', m.role, { 'aria-label': `Role of ${m.email}`, 'data-member': m.email });
    select.addEventListener('change', () => attempt(select,
      () => api('PATCH', `${base}/members/${m.user_id}`, { role: select.value })));
    const remove = h('button', { type: 'button', class: 'link', 'data-remove': m.email }, 'Remove');
    remove.addEventListener('click', () => {
      if (confirm(`Remove ${m.email} from ${organization.name}?`)) {
        attempt(remove, () => api('DELETE', `${base}/members/${m.user_id}`));
      }
    });
    return h('tr', {}, h('td', {}, m.name), h('td', {}, m.email), h('td', {}, select), h('td', {}, m.status), h('td', {}, remove));
  };
  const invitationsSection = invitations === null ? [] : [
    h('h2', {}, 'Invite someone'),
    form('invite-form', [
      field('Email', 'email', 'email', { required: true }),
      h('label', {}, 'Role', roleSelect('role', 'member'), h('span', { class: 'error', id: 'error-role' })),
    ], 'Send invitation', async (values) => {
      await api('POST', `${base}/invitations`, values);
      await reload();
    }),
    h('h2', {}, 'Pending invitations'),
    invitations.length
      ? h('table', { id: 'invitations' }, h('tbody', {}, invitations.map((i) => {
        const revoke = h('button', { type: 'button', class: 'link' }, 'Revoke');
        revoke.addEventListener('click', () => attempt(revoke, () => api('DELETE', `${base}/invitations/${i.id}`)));
        return h('tr', {}, h('td', {}, i.email), h('td', {}, i.role), h('td', {}, `expires ${new Date(i.expires_at).toLocaleString()}`), h('td', {}, revoke));
      })))
      : h('p', { id: 'invitations', class: 'muted' }, 'None.'),
  ];
  show(
    h('h1', { id: 'organization-name' }, organization.name),
    h('p', { class: 'muted' }, `${organization.slug} · ${organization.plan} plan · you are ${organization.role}`),
    h('h2', {}, 'Members'),
    problem,
    h('table', { id: 'members' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Email'), h('th', {}, 'Role'), h('th', {}, 'Status'), h('th', {}, ''))),
      h('tbody', {}, members.map(memberRow))),
    invitationsSection,
    h('p', {}, link('/organizations', 'All organizations')));
}

async function accountPage() {
  if (!requireSession()) return;
  let sessions = [];
  const problem = h('p', { class: 'notice error', id: 'sessions-error', role: 'alert', hidden: true });
  try {
    sessions = await api('GET', '/auth/sessions');
  } catch (error) {
    problem.textContent = error.message;
    problem.hidden = false;
  }
  show(
    h('h1', {}, 'Your account'),
    h('p', { class: 'muted' }, `${session.user?.name || ''} · ${session.user?.email || ''}`),
    h('h2', {}, 'Change your password'),
    form('password-form', [
      field('Current password', 'current_password', 'password', { autocomplete: 'current-password', required: true }),
      field('New password', 'password', 'password', { autocomplete: 'new-password', minlength: 8, required: true }),
      field('Repeat the new password', 'password_confirmation', 'password', { autocomplete: 'new-password' }),
    ], 'Change password', async (values) => {
      await api('POST', '/auth/password/change', values);
      const stillSignedIn = await refresh();
      show(h('h1', {}, 'Password changed'), notice('Your password was changed; other sessions were signed out.'),
        h('p', {}, stillSignedIn ? link('/account', 'Back to your account') : link('/login', 'Sign in')));
    }),
    h('h2', {}, 'Where you are signed in'),
    problem,
    h('table', { id: 'sessions' }, h('tbody', {}, sessions.map((one) => {
      const revoke = h('button', { type: 'button', class: 'link' }, one.current ? 'This browser' : 'Sign out');
      revoke.disabled = one.current;
      revoke.addEventListener('click', async () => {
        revoke.disabled = true;
        try {
          await api('DELETE', `/auth/sessions/${encodeURIComponent(one.id)}`);
          accountPage();
        } catch (error) {
          problem.textContent = error.message;
          problem.hidden = false;
          revoke.disabled = false;
        }
      });
      return h('tr', {}, h('td', {}, one.user_agent || 'unknown browser'), h('td', {}, one.ip_address || ''),
        h('td', {}, `since ${new Date(one.started_at).toLocaleString()}`), h('td', {}, revoke));
    }))));
}

// A session this browser already holds (its cookie) survives a reload: ask for a fresh access token first.
refresh().finally(route);
