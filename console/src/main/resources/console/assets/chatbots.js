// Chatbot pages: the organization's chatbots and a new one; one chatbot's settings, status and training, its
// knowledge (FAQ pairs and documents), a "try it" chat that streams the reply with hand-off and feedback, and the
// snippet that embeds the widget on the chatbot's allowed origins.

import {
  api, button, choice, describe, field, form, go, h, link, loading, notice, onLeave, problems, requireSession, show,
  stream, when,
} from './core.js';
import { organizationFrame } from './organization.js';

const ENGINES = [['knowledge', 'Knowledge (answers from its FAQ and documents)'], ['openai', 'OpenAI-compatible model'], ['n8n', 'n8n workflow']];

/** The engine fields of every type; only the chosen type's are enabled, so only they are sent. */
function engineFields(engine = { type: 'knowledge' }) {
  const groups = {
    knowledge: h('fieldset', { 'data-engine': 'knowledge' }, h('legend', {}, 'Knowledge engine'),
      field('Language', 'language', 'text', { value: engine.language || 'english' })),
    openai: h('fieldset', { 'data-engine': 'openai' }, h('legend', {}, 'OpenAI-compatible model'),
      field('Base URL', 'base_url', 'url', { value: engine.base_url || '', placeholder: 'https://api.openai.com/v1' }),
      field('Model', 'model', 'text', { value: engine.model || '' }),
      field(engine.has_api_key ? 'API key (leave empty to keep the stored one)' : 'API key', 'api_key', 'password', { autocomplete: 'off' }),
      field('System prompt', 'system_prompt', 'textarea', { value: engine.system_prompt || '' })),
    n8n: h('fieldset', { 'data-engine': 'n8n' }, h('legend', {}, 'n8n workflow'),
      field('Webhook URL', 'webhook_url', 'url', { value: engine.webhook_url || '' })),
  };
  const type = choice('Engine', 'engine_type', ENGINES, engine.type);
  const select = type.querySelector('select');
  const sync = () => {
    for (const [name, group] of Object.entries(groups)) {
      group.hidden = name !== select.value;
      group.disabled = name !== select.value;
    }
  };
  select.addEventListener('change', sync);
  sync();
  return [type, ...Object.values(groups)];
}

const ENGINE_KEYS = ['language', 'base_url', 'model', 'api_key', 'system_prompt', 'webhook_url'];

/** The form's values as the API's request: the engine nested, origins one per line, empty optional fields left out. */
function chatbotRequest(values) {
  const engine = { type: values.engine_type };
  for (const key of ENGINE_KEYS) {
    if (values[key] !== undefined && values[key] !== '') engine[key] = values[key];
  }
  const request = { engine };
  for (const key of ['name', 'description', 'welcome_message', 'fallback_message']) {
    if (values[key] !== undefined && values[key] !== '') request[key] = values[key];
  }
  request.allowed_origins = (values.allowed_origins || '').split(/\s+/).filter(Boolean);
  return request;
}

function commonFields(bot = {}) {
  return [
    field('Name', 'name', 'text', { required: true, value: bot.name || '' }),
    field('Description', 'description', 'text', { value: bot.description || '' }),
    field('Welcome message', 'welcome_message', 'text', { value: bot.welcome_message || '' }),
    field('Fallback message (when it has no answer)', 'fallback_message', 'text', { value: bot.fallback_message || '' }),
    field('Allowed origins for the widget (one per line, e.g. https://shop.example)', 'allowed_origins', 'textarea',
      { value: (bot.allowed_origins || []).join('\n'), rows: 2 }),
  ];
}

export async function chatbotsPage(organizationId) {
  if (!requireSession()) return;
  const base = `/organizations/${organizationId}`;
  await loading('Chatbots', () => Promise.all([api('GET', base), api('GET', `${base}/chatbots?per_page=100`)]),
    ([organization, bots]) => {
      show(organizationFrame(organization, '/chatbots',
        h('h1', {}, 'Chatbots'),
        bots.length
          ? h('table', { id: 'chatbots' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Engine'), h('th', {}, 'Status'), h('th', {}, 'Training'))),
            h('tbody', {}, bots.map((b) => h('tr', {},
              h('td', {}, link(`${base}/chatbots/${b.id}`, b.name)), h('td', {}, b.engine?.type), h('td', {}, b.status),
              h('td', {}, b.training_status)))))
          : h('p', { id: 'chatbots', class: 'muted' }, 'No chatbots yet.'),
        h('h2', {}, 'New chatbot'),
        form('chatbot-form', [...commonFields(), ...engineFields()], 'Create chatbot', async (values) => {
          const created = await api('POST', `${base}/chatbots`, chatbotRequest(values));
          go(`${base}/chatbots/${created.id}`);
        })));
    });
}

export async function chatbotPage(organizationId, botId) {
  if (!requireSession()) return;
  const base = `/organizations/${organizationId}`;
  const path = `${base}/chatbots/${botId}`;
  await loading('Chatbot', () => Promise.all([api('GET', base), api('GET', path), api('GET', `${path}/knowledge?per_page=100`)]),
    ([organization, bot, knowledge]) => {
      const reload = () => chatbotPage(organizationId, botId);
      const { slot, attempt } = problems('chatbot-error');
      const statusButtons = ['active', 'draft', 'archived'].filter((s) => s !== bot.status).map((s) => {
        const change = button({ active: 'Activate', draft: 'Back to draft', archived: 'Archive' }[s],
          () => attempt(change, () => api('PATCH', path, { status: s }), reload), { 'data-status': s });
        return [change, ' '];
      });
      const train = button('Train now', () => attempt(train, async () => {
        await api('POST', `${path}/train`);
        await watchTraining(path, train);
      }, reload), { id: 'train' });
      const remove = button('Delete chatbot', () => {
        if (confirm(`Delete ${bot.name}? Its conversations go with it.`)) {
          attempt(remove, () => api('DELETE', path), () => go(`${base}/chatbots`));
        }
      });
      show(organizationFrame(organization, '/chatbots',
        h('h1', {}, bot.name),
        h('p', { class: 'muted', id: 'chatbot-state' },
          `${bot.engine?.type} engine · status ${bot.status} · training ${bot.training_status}`,
          bot.trained_at ? ` (trained ${when(bot.trained_at)})` : ''),
        slot,
        h('p', {}, statusButtons, train, ' ', remove),
        h('h2', {}, 'Try it'),
        tryIt(path, bot),
        h('h2', {}, 'Knowledge'),
        knowledgeSection(path, knowledge, reload, attempt),
        h('h2', {}, 'Embed on your website'),
        embedSection(bot),
        h('h2', {}, 'Settings'),
        form('settings-form', [...commonFields(bot), ...engineFields(bot.engine)], 'Save settings', async (values) => {
          await api('PATCH', path, chatbotRequest(values));
          await reload();
        })));
    });
}

/** Training runs in the background: the button shows its progress until the status is ready or failed. */
async function watchTraining(path, trigger) {
  for (let i = 0; i < 120; i++) {
    const bot = await api('GET', path);
    trigger.textContent = `Training… (${bot.training_status})`;
    if (bot.training_status === 'ready' || bot.training_status === 'failed' || bot.training_status === 'idle') return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function knowledgeSection(path, items, reload, attempt) {
  const list = items.length
    ? h('table', { id: 'knowledge' }, h('tbody', {}, items.map((k) => {
      const remove = button('Delete', () => attempt(remove, () => api('DELETE', `${path}/knowledge/${k.id}`), reload));
      return h('tr', {}, h('td', {}, k.type),
        h('td', {}, h('strong', {}, k.type === 'faq' ? k.question : k.title),
          h('div', { class: 'muted' }, (k.type === 'faq' ? k.answer : k.content || '').slice(0, 160))),
        h('td', {}, `${k.chunks} chunk${k.chunks === 1 ? '' : 's'}`), h('td', {}, remove));
    })))
    : h('p', { id: 'knowledge', class: 'muted' }, 'Nothing yet: add questions and answers, or documents.');
  return [
    list,
    h('details', { open: true }, h('summary', {}, 'Add a question and its answer'),
      form('faq-form', [field('Question', 'question', 'text', { required: true }), field('Answer', 'answer', 'textarea', { required: true })],
        'Add', async (values) => {
          await api('POST', `${path}/knowledge`, { type: 'faq', ...values });
          await reload();
        })),
    h('details', {}, h('summary', {}, 'Add a document'),
      form('document-form', [field('Title', 'title', 'text', { required: true }), field('Content', 'content', 'textarea', { required: true, rows: 8 })],
        'Add', async (values) => {
          await api('POST', `${path}/knowledge`, { type: 'document', ...values });
          await reload();
        })),
  ];
}

function embedSection(bot) {
  const snippet = `<script src="${location.origin}/widget.js" data-chatbot="${bot.public_key}"></script>`;
  return [
    h('p', {}, 'Paste this before the closing </body> of a page on one of the allowed origins:'),
    h('pre', { id: 'embed-snippet' }, h('code', {}, snippet)),
    h('p', {}, button('Copy the snippet', () => navigator.clipboard?.writeText(snippet))),
    bot.allowed_origins?.length
      ? h('p', { class: 'muted' }, `Allowed origins: ${bot.allowed_origins.join(', ')}`)
      : notice('No allowed origins yet: the widget refuses every website until you add one in the settings.', 'error'),
    bot.status === 'active' ? null : notice('The widget answers once the chatbot is active.'),
  ];
}

/**
 * A conversation with the chatbot as the API serves it: the reply streams in over server-sent events (deltas, then
 * completed or failed); each reply can be rated, and the conversation handed off to a person.
 */
function tryIt(path, bot) {
  const log = h('ol', { class: 'chat-log', id: 'try-log', 'aria-live': 'polite' });
  const state = h('p', { class: 'muted', id: 'try-state' }, 'No conversation yet.');
  const controller = new AbortController();
  let conversation = null;
  const replies = new Map(); // the user message's id → its reply's element, from the first delta or the POST's answer

  const entry = (role, text, attributes = {}) => {
    const item = h('li', { class: role, ...attributes }, h('span', { class: 'who' }, role === 'user' ? 'You' : bot.name), h('span', { class: 'text' }, text));
    log.append(item);
    return item;
  };
  const replyTo = (id) => {
    if (!replies.has(id)) replies.set(id, entry('assistant', '…', { 'data-status': 'pending' }));
    return replies.get(id);
  };
  const rate = (message) => h('span', { class: 'feedback' },
    ['up', 'down'].map((rating) => {
      const vote = button(rating === 'up' ? '👍' : '👎', async () => {
        try {
          await api('POST', `${path}/conversations/${conversation.id}/messages/${message.id}/feedback`, { rating });
          vote.parentElement.replaceChildren('Thanks for the feedback.');
        } catch (error) {
          vote.parentElement.append(` ${describe(error)}`);
        }
      }, { 'aria-label': rating === 'up' ? 'Good answer' : 'Bad answer' });
      return vote;
    }));
  const settle = (message) => {
    const item = replyTo(message.reply_to);
    item.querySelector('.text').textContent = message.content;
    item.dataset.status = message.status;
    if (message.status === 'failed') item.classList.add('failed');
    else item.append(' ', rate(message));
  };
  const onEvent = (name, data) => {
    if (name === 'message.delta') {
      const item = replyTo(data.reply_to);
      if (item.dataset.status === 'pending') item.querySelector('.text').textContent = '';
      item.dataset.status = 'streaming';
      item.querySelector('.text').textContent += data.delta;
    } else if ((name === 'message.completed' || name === 'message.failed') && data.role === 'assistant') {
      settle(data);
    } else if (name === 'stream.closed') {
      state.textContent = 'The stream was closed: you no longer have access to this conversation.';
    }
  };
  const start = async () => {
    conversation = await api('POST', `${path}/conversations`, { external_user_id: 'console' });
    await stream(`${path}/conversations/${conversation.id}/stream`, onEvent, controller.signal);
    state.textContent = 'Conversation open.';
    if (bot.welcome_message) entry('assistant', bot.welcome_message);
  };
  const handoff = button('Hand off to a person', async () => {
    if (!conversation) return;
    try {
      conversation = await api('PATCH', `${path}/conversations/${conversation.id}`, { status: 'handoff' });
      state.textContent = 'Handed off: a person answers from here; the bot stays quiet.';
    } catch (error) {
      state.textContent = describe(error);
    }
  }, { id: 'handoff' });
  const ask = form('try-form', [field('Message', 'content', 'text', { required: true, autocomplete: 'off' })], 'Send', async (values) => {
    if (!conversation) await start();
    const sent = await api('POST', `${path}/conversations/${conversation.id}/messages`, values);
    const message = sent.message || sent;
    const asked = entry('user', message.content);
    // The reply may have started streaming before this answer came: the question goes above it.
    if (replies.has(message.id)) log.insertBefore(asked, replies.get(message.id));
    else replyTo(message.id);
    ask.querySelector('input[name=content]').value = '';
  });
  onLeave(() => controller.abort()); // leaving the page (or reloading it) closes the stream
  return h('div', { class: 'try-it' }, state, log, ask, h('p', {}, handoff));
}
