// Webhook pages: the organization's webhooks and a new one (its signing secret shown once), and one webhook with its
// event types, its state (re-enable after it was disabled), secret rotation, and its delivery log with redelivery.
// The webhook-disabled email links to the page of one webhook.

import {
  api, apiPage, button, field, form, go, h, link, loading, problems, requireSession, show, shownOnce, when,
} from './core.js';
import { organizationFrame } from './organization.js';

const SUGGESTED = ['*', 'chatbot.*', 'conversation.*', 'conversation.message.reply', 'member.*', 'invitation.*', 'org.*', 'role.*', 'webhook.*'];

function eventTypes(values) {
  return (values.event_types || '').split(/[\s,]+/).filter(Boolean);
}

function eventTypesField(current = ['chatbot.*']) {
  return [
    field('Event types (one per line: an action such as chatbot.create, a family such as chatbot.*, or * for all)',
      'event_types', 'textarea', { value: current.join('\n'), rows: 3, required: true }),
    h('p', { class: 'muted' }, `For example: ${SUGGESTED.join(', ')}`),
  ];
}

export async function webhooksPage(organizationId) {
  if (!requireSession()) return;
  const base = `/organizations/${organizationId}`;
  await loading('Webhooks', () => Promise.all([api('GET', base), api('GET', `${base}/webhooks?per_page=100`)]),
    ([organization, webhooks]) => {
      show(organizationFrame(organization, '/webhooks',
        h('h1', {}, 'Webhooks'),
        h('p', { class: 'muted' }, 'Events are delivered signed per Standard Webhooks, retried with back-off, and a webhook that keeps failing is disabled (you get an email).'),
        webhooks.length
          ? h('table', { id: 'webhooks' },
            h('thead', {}, h('tr', {}, h('th', {}, 'URL'), h('th', {}, 'Events'), h('th', {}, 'State'))),
            h('tbody', {}, webhooks.map((w) => h('tr', {},
              h('td', {}, link(`${base}/webhooks/${w.id}`, w.url)), h('td', {}, w.event_types.join(', ')),
              h('td', {}, w.active ? 'active' : `disabled${w.disabled_reason ? ` (${w.disabled_reason})` : ''}`)))))
          : h('p', { id: 'webhooks', class: 'muted' }, 'No webhooks yet.'),
        h('h2', {}, 'New webhook'),
        form('webhook-form', [
          field('URL', 'url', 'url', { required: true, placeholder: 'https://example.com/hooks/chatbots' }),
          ...eventTypesField(),
          field('Description', 'description'),
        ], 'Create webhook', async (values) => {
          const created = await api('POST', `${base}/webhooks`, {
            url: values.url, event_types: eventTypes(values), description: values.description || undefined,
          });
          await webhookPage(organizationId, created.id, shownOnce('Signing secret', created.secret, 'webhook-secret'));
          history.pushState(null, '', `${base}/webhooks/${created.id}`);
        })));
    });
}

export async function webhookPage(organizationId, webhookId, secret = null) {
  if (!requireSession()) return;
  const base = `/organizations/${organizationId}`;
  const path = `${base}/webhooks/${webhookId}`;
  await loading('Webhook', () => Promise.all([api('GET', base), api('GET', path), apiPage(`${path}/deliveries?per_page=50`)]),
    ([organization, webhook, deliveries]) => {
      const reload = (shown = null) => webhookPage(organizationId, webhookId, shown);
      const { slot, attempt } = problems('webhook-error');
      const toggle = button(webhook.active ? 'Disable' : 'Re-enable',
        () => attempt(toggle, () => api('PATCH', path, { active: !webhook.active }), () => reload()), { id: 'webhook-toggle' });
      const rotate = button('Rotate the secret', () => {
        if (confirm('Rotate the signing secret? Receivers must switch to the new one.')) {
          attempt(rotate, async () => {
            const rotated = await api('POST', `${path}/rotate-secret`);
            await reload(shownOnce('New signing secret', rotated.secret, 'webhook-secret'));
          });
        }
      });
      const remove = button('Delete', () => {
        if (confirm(`Delete the webhook to ${webhook.url}?`)) {
          attempt(remove, () => api('DELETE', path), () => go(`${base}/webhooks`));
        }
      });
      const deliveryRow = (d) => {
        const again = button('Redeliver', () => attempt(again, () => api('POST', `${path}/deliveries/${d.id}/redeliver`), () => reload()));
        return h('tr', { 'data-status': d.status }, h('td', {}, d.event_type), h('td', {}, d.status), h('td', {}, String(d.attempts)),
          h('td', {}, d.response_status ?? ''), h('td', {}, d.status === 'pending' ? `next ${when(d.next_attempt_at)}` : when(d.delivered_at || d.created_at)),
          h('td', {}, d.status === 'pending' ? '' : again));
      };
      show(organizationFrame(organization, '/webhooks',
        h('h1', {}, 'Webhook'),
        secret,
        h('p', { id: 'webhook-url' }, h('code', {}, webhook.url)),
        h('p', { id: 'webhook-state', class: webhook.active ? 'muted' : 'notice error' },
          webhook.active ? 'Active.' : `Disabled${webhook.disabled_reason ? `: ${webhook.disabled_reason}` : ''}. Re-enable it once the receiver answers again.`),
        slot,
        h('p', {}, toggle, ' ', rotate, ' ', remove),
        h('h2', {}, 'Deliveries'),
        deliveries.items.length
          ? h('table', { id: 'deliveries' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Event'), h('th', {}, 'Status'), h('th', {}, 'Attempts'), h('th', {}, 'Answer'), h('th', {}, 'When'), h('th', {}, ''))),
            h('tbody', {}, deliveries.items.map(deliveryRow)))
          : h('p', { id: 'deliveries', class: 'muted' }, 'Nothing delivered yet.'),
        h('h2', {}, 'Settings'),
        form('webhook-settings-form', [
          field('URL', 'url', 'url', { required: true, value: webhook.url }),
          ...eventTypesField(webhook.event_types),
          field('Description', 'description', 'text', { value: webhook.description || '' }),
        ], 'Save', async (values) => {
          await api('PATCH', path, { url: values.url, event_types: eventTypes(values), description: values.description });
          await reload();
        })));
    });
}

