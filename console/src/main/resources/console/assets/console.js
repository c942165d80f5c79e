// The web console: one page per route, same origin as /api, plain ES modules served by the gateway (no build step).
// A reload or a pasted link lands on the same page: the gateway answers every console path with index.html, and the
// page asks /api/v1/auth/session for a new access token with its HttpOnly cookie before it routes.

import {
  accountPage, forgotPage, invitationPage, loginPage, registerPage, resetPage, verifyPage,
} from './account.js';
import { auditPage } from './audit.js';
import { chatbotPage, chatbotsPage } from './chatbots.js';
import { go, h, link, onRoute, onSessionChange, refresh, show, signOut, state } from './core.js';
import { notificationsPage, unreadCount } from './notifications.js';
import { apiClientsPage, organizationPage, organizationsPage, rolesPage } from './organization.js';
import { webhookPage, webhooksPage } from './webhooks.js';

const ID = '([0-9a-f-]{36})';

const pages = [
  [/^\/$/, () => go(state.session ? '/organizations' : '/login', true)],
  [/^\/login$/, loginPage],
  [/^\/register$/, registerPage],
  [/^\/password\/forgot$/, forgotPage],
  [/^\/password\/reset$/, resetPage],
  [/^\/email\/verify$/, verifyPage],
  [/^\/invitations\/([^/]+)$/, invitationPage],
  [/^\/organizations$/, organizationsPage],
  [new RegExp(`^/organizations/${ID}$`), organizationPage],
  [new RegExp(`^/organizations/${ID}/roles$`), rolesPage],
  [new RegExp(`^/organizations/${ID}/api-clients$`), apiClientsPage],
  [new RegExp(`^/organizations/${ID}/chatbots$`), chatbotsPage],
  [new RegExp(`^/organizations/${ID}/chatbots/${ID}$`), chatbotPage],
  [new RegExp(`^/organizations/${ID}/webhooks$`), webhooksPage],
  [new RegExp(`^/organizations/${ID}/webhooks/${ID}$`), webhookPage],
  [new RegExp(`^/organizations/${ID}/audit$`), auditPage],
  [/^\/notifications$/, notificationsPage],
  [/^\/account$/, accountPage],
];

function route() {
  for (const [pattern, page] of pages) {
    const match = location.pathname.match(pattern);
    if (match) {
      page(...match.slice(1).map(decodeURIComponent));
      updateUnread();
      return;
    }
  }
  show(h('h1', {}, 'Page not found'), h('p', {}, link('/', 'Back to the console')));
}

const nav = document.getElementById('nav');
const unread = h('span', { class: 'badge', id: 'unread-count', hidden: true });

function renderNav() {
  if (state.session) {
    nav.replaceChildren(
      link('/organizations', 'Organizations'),
      h('a', { href: '/notifications', 'data-link': true, id: 'notifications-link' }, 'Notifications ', unread),
      h('a', { href: '/account', 'data-link': true, id: 'signed-in-as' }, state.session.user?.email || 'Account'),
      h('button', { class: 'link', id: 'sign-out', onclick: signOut }, 'Sign out'));
  } else {
    nav.replaceChildren(link('/login', 'Sign in'), link('/register', 'Register'));
  }
}

async function updateUnread() {
  const count = await unreadCount();
  unread.textContent = count ? String(count) : '';
  unread.hidden = !count;
  unread.setAttribute('aria-label', `${count} unread`);
}

document.addEventListener('click', (event) => {
  const anchor = event.target.closest('a[data-link]');
  if (anchor && anchor.origin === location.origin && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    go(anchor.pathname + anchor.search);
  }
});
window.addEventListener('popstate', route);

onRoute(route);
onSessionChange(renderNav);

// A session this browser already holds (its cookie) survives a reload: ask for a fresh access token first.
refresh().finally(route);
