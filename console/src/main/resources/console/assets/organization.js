// Organization pages: the list and creation, and inside one organization its members and invitations, custom roles
// and API clients. Every page of an organization carries the same section navigation.

import {
  api, button, choice, field, form, go, h, link, loading, notice, problems, requireSession, show, shownOnce, when,
} from './core.js';

const SECTIONS = [
  ['', 'Members'],
  ['/chatbots', 'Chatbots'],
  ['/webhooks', 'Webhooks'],
  ['/audit', 'Audit log'],
  ['/roles', 'Roles'],
  ['/api-clients', 'API clients'],
];

/** The organization's name, its sections (the current one marked), then the page. */
export function organizationFrame(organization, current, ...content) {
  const base = `/organizations/${organization.id}`;
  return [
    h('p', { class: 'crumbs' }, link('/organizations', 'Organizations'), ' › ', link(base, organization.name)),
    h('nav', { class: 'tabs', 'aria-label': 'Organization' }, SECTIONS.map(([path, label]) =>
      link(base + path, label, { 'aria-current': path === current ? 'page' : null }))),
    ...content,
  ];
}

export async function organizationsPage() {
  if (!requireSession()) return;
  await loading('Organizations', () => api('GET', '/organizations'), (organizations) => {
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
  });
}

export async function organizationPage(organizationId) {
  if (!requireSession()) return;
  const base = `/organizations/${organizationId}`;
  await loading('Organization', async () => {
    const [organization, members, roles] = await Promise.all([
      api('GET', base),
      api('GET', `${base}/members?per_page=100`),
      api('GET', `${base}/roles`).catch(() => []),
    ]);
    const invitations = await api('GET', `${base}/invitations`).catch(() => null); // only for those who manage members
    return { organization, members, roles, invitations };
  }, ({ organization, members, roles, invitations }) => {
    const roleNames = roles.map((r) => r.name);
    const reload = () => organizationPage(organizationId);
    const { slot, attempt } = problems('members-error');
    const roleSelect = (name, selected, attributes = {}) => h('select', { name, ...attributes },
      roleNames.filter((r) => r !== 'owner' || selected === 'owner').map((r) => h('option', { value: r, selected: r === selected }, r)));
    const memberRow = (m) => {
      const select = roleSelect('role', m.role, { 'aria-label': `Role of ${m.email}`, 'data-member': m.email });
      select.addEventListener('change', () => attempt(select,
        () => api('PATCH', `${base}/members/${m.user_id}`, { role: select.value }), reload));
      const remove = button('Remove', () => {
        if (confirm(`Remove ${m.email} from ${organization.name}?`)) {
          attempt(remove, () => api('DELETE', `${base}/members/${m.user_id}`), reload);
        }
      }, { 'data-remove': m.email });
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
          const revoke = button('Revoke', () => attempt(revoke, () => api('DELETE', `${base}/invitations/${i.id}`), reload));
          return h('tr', {}, h('td', {}, i.email), h('td', {}, i.role), h('td', {}, `expires ${when(i.expires_at)}`), h('td', {}, revoke));
        })))
        : h('p', { id: 'invitations', class: 'muted' }, 'None.'),
    ];
    show(organizationFrame(organization, '',
      h('h1', { id: 'organization-name' }, organization.name),
      h('p', { class: 'muted' }, `${organization.slug} · ${organization.plan} plan · you are ${organization.role}`),
      h('h2', {}, 'Members'),
      slot,
      h('table', { id: 'members' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Email'), h('th', {}, 'Role'), h('th', {}, 'Status'), h('th', {}, ''))),
        h('tbody', {}, members.map(memberRow))),
      invitationsSection));
  });
}

/** System roles as they are; custom roles made of the permission catalog, changed and deleted (holders reassigned). */
export async function rolesPage(organizationId) {
  if (!requireSession()) return;
  const base = `/organizations/${organizationId}`;
  await loading('Roles', () => Promise.all([api('GET', base), api('GET', `${base}/roles`), api('GET', '/permissions')]),
    ([organization, roles, permissions]) => {
      const reload = () => rolesPage(organizationId);
      const { slot, attempt } = problems('roles-error');
      const checkboxes = (name, granted = []) => h('fieldset', { class: 'permissions' }, h('legend', {}, 'Permissions'),
        permissions.map((p) => h('label', { class: 'check' },
          h('input', { type: 'checkbox', name, value: p, checked: granted.includes(p) }), p)),
        h('span', { class: 'error', id: `error-${name}`, role: 'alert' }));
      const roleRow = (role) => {
        const actions = [];
        if (!role.system) {
          const others = roles.filter((r) => r.name !== role.name && r.name !== 'owner').map((r) => r.name);
          const reassign = h('select', { 'aria-label': `Holders of ${role.name} become` }, others.map((r) => h('option', { value: r, selected: r === 'member' }, r)));
          const remove = button('Delete', () => {
            if (confirm(`Delete the role ${role.name}? Its holders become ${reassign.value}.`)) {
              attempt(remove, () => api('DELETE', `${base}/roles/${role.id}?reassign_to=${encodeURIComponent(reassign.value)}`), reload);
            }
          }, { 'data-delete-role': role.name });
          const edit = form(`role-${role.name}-form`, [checkboxes('permissions', role.permissions)], 'Save', async (values) => {
            await api('PATCH', `${base}/roles/${role.id}`, { permissions: [].concat(values.permissions || []) });
            await reload();
          });
          actions.push(h('details', {}, h('summary', {}, 'Change'), edit), ' holders become ', reassign, ' ', remove);
        }
        return h('tr', {}, h('td', {}, h('strong', {}, role.name), role.system ? h('span', { class: 'muted' }, ' (system)') : null,
          role.description ? h('div', { class: 'muted' }, role.description) : null),
        h('td', {}, role.permissions.join(', ')), h('td', {}, actions));
      };
      show(organizationFrame(organization, '/roles',
        h('h1', {}, 'Roles'),
        h('p', { class: 'muted' }, 'Nobody grants a permission they do not hold; owners are the only ones who act on owners.'),
        slot,
        h('table', { id: 'roles' }, h('tbody', {}, roles.map(roleRow))),
        h('h2', {}, 'New role'),
        form('role-form', [
          field('Name', 'name', 'text', { required: true, pattern: '[a-z0-9][a-z0-9_-]*' }),
          field('Description', 'description'),
          checkboxes('permissions'),
        ], 'Create role', async (values) => {
          await api('POST', `${base}/roles`, { ...values, permissions: [].concat(values.permissions || []) });
          await reload();
        })));
    });
}

/** API clients for machine access: the secret is shown once, on creation. */
export async function apiClientsPage(organizationId) {
  if (!requireSession()) return;
  const base = `/organizations/${organizationId}`;
  await loading('API clients', () => Promise.all([api('GET', base), api('GET', `${base}/api-clients?per_page=100`)]),
    ([organization, clients], created = null) => {
      const reload = (secret) => apiClientsPage(organizationId).then(() => {
        if (secret) document.getElementById('created-secret-slot')?.replaceChildren(secret);
      });
      const { slot, attempt } = problems('api-clients-error');
      show(organizationFrame(organization, '/api-clients',
        h('h1', {}, 'API clients'),
        h('div', { id: 'created-secret-slot' }, created),
        slot,
        clients.length
          ? h('table', { id: 'api-clients' }, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Client id'), h('th', {}, 'Created'), h('th', {}, ''))),
            h('tbody', {}, clients.map((c) => {
              const revoke = button('Revoke', () => {
                if (confirm(`Revoke ${c.name}? Programs using it lose access.`)) {
                  attempt(revoke, () => api('DELETE', `${base}/api-clients/${c.id}`), () => reload());
                }
              });
              return h('tr', {}, h('td', {}, c.name), h('td', {}, h('code', {}, c.client_id)), h('td', {}, when(c.created_at)), h('td', {}, revoke));
            })))
          : h('p', { id: 'api-clients', class: 'muted' }, 'No API clients yet.'),
        h('h2', {}, 'New API client'),
        form('api-client-form', [field('Name', 'name', 'text', { required: true })], 'Create', async (values) => {
          const client = await api('POST', `${base}/api-clients`, values);
          await reload(h('div', {}, h('p', {}, 'Client id: ', h('code', { id: 'created-client-id' }, client.client_id)),
            shownOnce('Client secret', client.client_secret, 'created-secret')));
        })));
    });
}

