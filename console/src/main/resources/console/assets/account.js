// Account pages: sign in, register, verify the email, forgot and reset the password, accept an invitation, and the
// account itself (password change, sessions).

import {
  api, form, field, go, h, link, nextPath, notice, refresh, requireSession, sessionCall, show, signedIn, state,
} from './core.js';

export function loginPage() {
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

export function registerPage() {
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

export function forgotPage() {
  show(
    h('h1', {}, 'Forgot your password?'),
    form('forgot-form', [field('Email', 'email', 'email', { autocomplete: 'email', required: true })],
      'Send me a link', async (values) => {
        await api('POST', '/auth/password/forgot', values);
        show(h('h1', {}, 'Check your inbox'),
          notice(`If ${values.email} has an account, a link to choose a new password is on its way.`));
      }));
}

export function resetPage() {
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

export async function verifyPage() {
  const token = new URLSearchParams(location.search).get('token');
  show(h('h1', {}, 'Verify your email'), h('p', { class: 'muted' }, 'Verifying…'));
  try {
    if (!token) throw new Error('This link is incomplete.');
    await api('POST', '/auth/email/verify', { token });
    if (state.session) await refresh(); // a new access token that says the address is verified
    history.replaceState(null, '', '/email/verify'); // the token is spent: keep it out of the history
    show(h('h1', {}, 'Email verified'), notice('Your address is verified.', ''),
      h('p', {}, state.session ? link('/organizations', 'Continue') : link('/login', 'Sign in')));
  } catch (error) {
    show(h('h1', {}, 'Verify your email'), notice(`${error.message} Sign in to ask for a new link.`, 'error'),
      h('p', {}, link('/login', 'Sign in')));
  }
}

export function invitationPage(token) {
  if (!requireSession()) return;
  const accept = form('accept-form', [], 'Accept the invitation', async () => {
    const accepted = await api('POST', `/invitations/${encodeURIComponent(token)}/accept`);
    const organizationId = accepted?.organization_id || accepted?.organization?.id;
    go(organizationId ? `/organizations/${organizationId}` : '/organizations', true);
  });
  show(
    h('h1', {}, 'Join an organization'),
    h('p', {}, `You are signed in as ${state.session.user?.email}. The invitation must have been sent to this address.`),
    accept);
}

export async function accountPage() {
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
    h('p', { class: 'muted' }, `${state.session.user?.name || ''} · ${state.session.user?.email || ''}`),
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

