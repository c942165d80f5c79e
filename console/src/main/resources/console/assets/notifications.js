// In-app notifications: the list (unread first marked), mark one or all as read. The navigation bar shows the unread
// count, read with each page change.

import { api, apiPage, button, h, loading, problems, requireSession, show, state, when } from './core.js';

/** The unread count for the navigation bar, or null when it cannot be read now. */
export async function unreadCount() {
  if (!state.session) return null;
  try {
    const page = await apiPage('/notifications?unread=true&per_page=1');
    return page.meta.unread_count ?? page.meta.pagination?.total ?? 0;
  } catch {
    return null;
  }
}

export async function notificationsPage() {
  if (!requireSession()) return;
  await loading('Notifications', () => apiPage('/notifications?per_page=50'), ({ items, meta }) => {
    const reload = () => notificationsPage();
    const { slot, attempt } = problems('notifications-error');
    const readAll = button('Mark all as read', () => attempt(readAll, () => api('POST', '/notifications/read-all'), reload), { id: 'read-all' });
    show(
      h('h1', {}, 'Notifications'),
      h('p', { class: 'muted', id: 'unread-summary' }, `${meta.unread_count ?? 0} unread`),
      slot,
      items.length ? h('p', {}, readAll) : null,
      items.length
        ? h('ul', { id: 'notifications', class: 'inbox' }, items.map((n) => {
          const read = button('Mark as read', () => attempt(read, () => api('POST', `/notifications/${n.id}/read`), reload));
          return h('li', { class: n.read_at ? 'read' : 'unread' },
            h('strong', {}, n.title), h('span', { class: 'muted' }, ` · ${when(n.created_at)}`),
            h('p', {}, n.body), n.read_at ? null : read);
        }))
        : h('p', { id: 'notifications', class: 'muted' }, 'Nothing yet.'));
  });
}
