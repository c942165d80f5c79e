// The audit log: filters, newest first with "older" paging (opaque cursors), export as CSV or NDJSON (downloaded
// with the bearer token), and a check of the organization's hash chain.

import {
  api, apiPage, button, choice, describe, download, field, form, h, loading, notice, requireSession, show, when,
} from './core.js';
import { organizationFrame } from './organization.js';

const FILTERS = ['action', 'outcome', 'resource_type', 'actor_id', 'request_id', 'from', 'to'];

/** The filter form's values as query parameters; `from` and `to` are local times turned into instants. */
function query(values) {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    let value = values[name];
    if (!value) continue;
    if (name === 'from' || name === 'to') value = new Date(value).toISOString();
    params.set(name, value);
  }
  return params;
}

export async function auditPage(organizationId) {
  if (!requireSession()) return;
  const base = `/organizations/${organizationId}`;
  await loading('Audit log', () => api('GET', base), (organization) => {
    const rows = h('tbody');
    const table = h('table', { id: 'audit-log' },
      h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Action'), h('th', {}, 'Outcome'), h('th', {}, 'Actor'),
        h('th', {}, 'Resource'), h('th', {}, 'Request'))), rows);
    const status = h('p', { class: 'muted', id: 'audit-status', role: 'status' });
    const verification = h('div', { id: 'verify-result', role: 'status' });
    let filters = new URLSearchParams();
    let cursor = null;

    const older = button('Older entries', () => more(), { id: 'audit-older', hidden: true });
    const more = async () => {
      older.disabled = true;
      try {
        const params = new URLSearchParams(filters);
        params.set('per_page', '50');
        if (cursor) params.set('cursor', cursor);
        const page = await apiPage(`${base}/audit-logs?${params}`);
        for (const r of page.items) {
          rows.append(h('tr', { class: r.outcome === 'success' ? '' : 'failure' },
            h('td', {}, when(r.occurred_at)), h('td', {}, r.action), h('td', {}, r.outcome, r.status_code ? ` (${r.status_code})` : ''),
            h('td', {}, r.actor_type === 'user' ? r.actor_id?.slice(0, 8) : r.actor_type || ''),
            h('td', {}, [r.resource_type, r.resource_id?.slice(0, 8)].filter(Boolean).join(' ')),
            h('td', {}, h('code', {}, r.request_id || ''))));
        }
        cursor = page.meta.next_cursor || null;
        older.hidden = !cursor;
        status.textContent = rows.children.length ? `${rows.children.length} entries shown.` : 'No entries match.';
      } catch (error) {
        status.textContent = describe(error);
      } finally {
        older.disabled = false;
      }
    };
    const search = form('audit-filters', [
      h('div', { class: 'grid' },
        field('Action', 'action', 'text', { placeholder: 'e.g. chatbot.create' }),
        choice('Outcome', 'outcome', [['', 'any'], 'success', 'failure'], ''),
        field('Resource type', 'resource_type', 'text', { placeholder: 'e.g. chatbot' }),
        field('Actor id', 'actor_id'),
        field('Request id', 'request_id'),
        field('From', 'from', 'datetime-local'),
        field('To', 'to', 'datetime-local')),
    ], 'Search', async (values) => {
      filters = query(values);
      cursor = null;
      rows.replaceChildren();
      await more();
    });
    const exportAs = (format) => {
      const trigger = button(`Export ${format.toUpperCase()}`, async () => {
        trigger.disabled = true;
        trigger.textContent = 'Exporting…';
        try {
          const params = new URLSearchParams(filters);
          params.set('format', format);
          await download(`${base}/audit-logs/export?${params}`, `audit-log-${organization.slug}.${format}`);
        } catch (error) {
          status.textContent = describe(error);
        } finally {
          trigger.disabled = false;
          trigger.textContent = `Export ${format.toUpperCase()}`;
        }
      }, { id: `export-${format}` });
      return trigger;
    };
    const verify = button('Verify the chain', async () => {
      verify.disabled = true;
      verification.replaceChildren(h('p', { class: 'muted' }, 'Verifying…'));
      try {
        const result = await api('GET', `${base}/audit-logs/verify`);
        verification.replaceChildren(result.valid
          ? notice(`Valid: ${result.checked} records checked, none changed or missing.`, '', { id: 'verify-outcome' })
          : notice(`Broken at record ${result.first_invalid_id} (${result.checked} checked): a record was changed or removed.`, 'error', { id: 'verify-outcome' }));
      } catch (error) {
        verification.replaceChildren(notice(describe(error), 'error', { id: 'verify-outcome' }));
      } finally {
        verify.disabled = false;
      }
    }, { id: 'verify-chain' });
    show(organizationFrame(organization, '/audit',
      h('h1', {}, 'Audit log'),
      h('p', { class: 'muted' }, 'Every action in this organization, chained by hashes so that a changed or removed record shows.'),
      h('p', {}, verify, ' ', exportAs('csv'), ' ', exportAs('ndjson')),
      verification,
      search,
      status,
      table,
      h('p', {}, older)));
    more();
  });
}
