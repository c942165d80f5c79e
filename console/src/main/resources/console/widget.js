// The embeddable chat widget. On any website:
//   <script src="https://<gateway>/widget.js" data-chatbot="<public key>"></script>
// It talks only to the gateway's public widget API (/api/v1/public/**), from the page's origin, which must be one of
// the chatbot's allowed origins. Programmatic API: window.ChatbotWidget.open(), .close(), .send(text) → Promise of the
// reply message ({id, content, …}; null when a person has taken over the conversation), .on('message', fn). Its look
// lives in a shadow root, so the page's styles and the widget's never mix; it adds no inline script or style attribute
// to the page. The conversation survives page loads in the same tab: its id and token are kept in sessionStorage.
(() => {
  'use strict';

  const script = document.currentScript;
  if (!script || window.ChatbotWidget) return;
  const publicKey = script.dataset.chatbot;
  const api = `${new URL(script.src).origin}/api/v1/public/chatbots/${encodeURIComponent(publicKey || '')}`;
  const WAIT_SECONDS = 20;

  const listeners = { message: [] };
  const STORED = `chatbot-widget:${publicKey}`;
  let conversation = null; // Promise of {id, token}; the pair is also kept in this tab's sessionStorage
  let panel = null;
  let history = null; // Promise of the stored conversation's messages, shown once when the window first opens

  function emit(event, value) {
    for (const listener of listeners[event] || []) {
      try {
        listener(value);
      } catch (error) {
        console.error('ChatbotWidget listener failed', error);
      }
    }
  }

  async function call(method, path, body, headers = {}) {
    const response = await fetch(`${api}${path}`, {
      method,
      mode: 'cors',
      credentials: 'omit',
      headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const envelope = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error(explain(response.status, envelope));
      error.status = response.status;
      error.retryAfter = response.headers.get('Retry-After');
      throw error;
    }
    return { status: response.status, data: envelope?.data };
  }

  /** What a visitor is told when the chat cannot be used: why, in plain words, and when to try again. */
  function explain(status, envelope) {
    if (status === 403) return 'This chat is not available on this website.';
    if (status === 404) return 'This chat is not available right now.';
    if (envelope?.error_code === 'QUOTA_EXCEEDED') return 'This chat has answered all the messages it can for now.';
    if (status === 429) return 'Too many messages at once.';
    return envelope?.message || `The chat is unavailable (${status})`;
  }

  function stored() {
    try {
      const pair = JSON.parse(sessionStorage.getItem(STORED) || 'null');
      return pair && pair.id && pair.token ? pair : null;
    } catch {
      return null; // storage refused (privacy settings) or unreadable: a new conversation
    }
  }

  function remember(pair) {
    try {
      if (pair) sessionStorage.setItem(STORED, JSON.stringify(pair));
      else sessionStorage.removeItem(STORED);
    } catch {
      // storage refused: the conversation lasts as long as the page
    }
  }

  function ensureConversation() {
    // One conversation per tab, even when open() and send() race for it; a failed opening may be tried again.
    const kept = conversation ? null : stored();
    if (kept) {
      conversation = Promise.resolve(kept);
      history = history || call('GET', `/conversations/${kept.id}/messages`, undefined, { 'X-Conversation-Token': kept.token })
        .then((page) => page.data || [])
        .catch(() => {
          // The kept conversation is gone (closed, expired, another chatbot): start a new one.
          remember(null);
          conversation = null;
          return [];
        });
      return history.then(() => conversation || ensureConversation());
    }
    conversation = conversation || call('POST', '/conversations', { metadata: { page: location.pathname.slice(0, 200) } })
      .then((opened) => {
        if (opened.data.welcome_message) show({ role: 'assistant', content: opened.data.welcome_message });
        const pair = { id: opened.data.id, token: opened.data.token };
        remember(pair);
        return pair;
      })
      .catch((error) => {
        conversation = null;
        throw error;
      });
    return conversation;
  }

  /** Sends a visitor's message; resolves with the chatbot's reply once it exists. */
  async function send(text) {
    const content = String(text ?? '').trim();
    if (!content) throw new Error('A message needs some text');
    const { id, token } = await ensureConversation();
    const headers = { 'X-Conversation-Token': token, Prefer: `wait=${WAIT_SECONDS}` };
    const sent = await call('POST', `/conversations/${id}/messages`, { content }, headers);
    const message = sent.data.message;
    show(message);
    emit('message', message);
    if (message.status === 'handoff') {
      handedOff();
      return null;
    }
    const reply = sent.data.reply || (await awaitReply(id, token, message.id));
    show(reply);
    emit('message', reply);
    return reply;
  }

  /** The reply was not ready within the wait: read the conversation until it is (the reply pipeline retries). */
  async function awaitReply(id, token, messageId) {
    for (let attempt = 0; attempt < 30; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * (attempt + 1), 5000)));
      const page = await call('GET', `/conversations/${id}/messages`, undefined, { 'X-Conversation-Token': token });
      const reply = (page.data || []).find((m) => m.reply_to === messageId && m.role === 'assistant');
      if (reply) return reply;
    }
    throw new Error('No reply yet; try again later');
  }

  // ---- The chat window -----------------------------------------------------------------------------------------

  const STYLE = `
    :host { all: initial; position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
      font: 14px/1.4 system-ui, sans-serif; color: #1d2430; }
    button { font: inherit; cursor: pointer; border: 0; border-radius: 20px; padding: 10px 16px; background: #2f5bd3;
      color: #fff; }
    .panel { display: none; flex-direction: column; width: 320px; height: 420px; margin-bottom: 10px; background: #fff;
      border-radius: 12px; box-shadow: 0 6px 24px rgb(0 0 0 / .2); overflow: hidden; }
    .panel.open { display: flex; }
    .head { padding: 10px 14px; background: #1d2430; color: #fff; font-weight: 600; display: flex;
      justify-content: space-between; align-items: center; }
    .head button { background: none; padding: 0 4px; }
    .log { flex: 1; overflow-y: auto; padding: 10px; display: flex; flex-direction: column; gap: 6px; }
    .msg { max-width: 80%; padding: 6px 10px; border-radius: 10px; white-space: pre-wrap; word-wrap: break-word; }
    .user { align-self: flex-end; background: #2f5bd3; color: #fff; }
    .assistant { align-self: flex-start; background: #eef0f4; }
    .error { align-self: center; color: #b3261e; font-size: 12px; }
    .state { align-self: center; color: #66707f; font-size: 12px; text-align: center; }
    form { display: flex; gap: 6px; padding: 8px; border-top: 1px solid #e3e6eb; }
    input { flex: 1; font: inherit; padding: 8px; border: 1px solid #c5cad3; border-radius: 8px; }
  `;

  function build() {
    const host = document.createElement('div');
    host.setAttribute('data-chatbot-widget', '');
    const root = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
    root.adoptedStyleSheets = [sheet];

    const box = element('div', 'panel');
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-label', 'Chat');
    const head = element('div', 'head', 'Chat');
    const close = element('button', '', '×');
    close.setAttribute('aria-label', 'Close the chat');
    close.addEventListener('click', () => widget.close());
    head.append(close);
    const log = element('div', 'log');
    log.setAttribute('aria-live', 'polite');
    const form = element('form', '');
    const input = element('input', '');
    input.name = 'message';
    input.placeholder = 'Write a message…';
    input.setAttribute('aria-label', 'Your message');
    input.maxLength = 4000;
    const submit = element('button', '', 'Send');
    submit.type = 'submit';
    form.append(input, submit);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = input.value;
      if (!text.trim()) return;
      input.value = '';
      submit.disabled = true;
      try {
        await send(text);
      } catch (error) {
        const wait = error.retryAfter ? ` Try again in ${error.retryAfter} s.` : '';
        log.append(element('div', 'msg error', error.message + wait));
      } finally {
        submit.disabled = false;
        input.focus();
      }
    });
    box.append(head, log, form);

    const toggle = element('button', 'toggle', 'Chat with us');
    toggle.addEventListener('click', () => (box.classList.contains('open') ? widget.close() : widget.open()));
    root.append(box, toggle);
    document.body.append(host);
    return { box, log, input };
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function handedOff() {
    if (!panel || panel.box.querySelector('.state')) return;
    const note = element('div', 'msg state', 'A person from the team has taken over this conversation and answers here.');
    note.setAttribute('role', 'status');
    panel.log.append(note);
  }

  function show(message) {
    if (!panel || !message) return;
    const role = message.role === 'user' ? 'user' : 'assistant';
    panel.log.append(element('div', `msg ${role}`, message.content));
    panel.log.scrollTop = panel.log.scrollHeight;
  }

  const widget = {
    open() {
      panel = panel || build();
      panel.box.classList.add('open');
      panel.input.focus();
      ensureConversation()
        .then(() => history)
        .then((earlier) => {
          if (!earlier || panel.shown) return;
          panel.shown = true; // the kept conversation's messages, once
          for (const message of earlier) show(message);
          if (earlier.some((m) => m.status === 'handoff')) handedOff();
        })
        .catch((error) => panel.log.append(element('div', 'msg error', error.message)));
    },
    close() {
      panel?.box.classList.remove('open');
    },
    send,
    on(event, listener) {
      if (!listeners[event]) throw new Error(`Unknown event ${event}`);
      listeners[event].push(listener);
      return widget;
    },
  };
  window.ChatbotWidget = widget;

  const start = () => {
    panel = panel || build();
  };
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();
