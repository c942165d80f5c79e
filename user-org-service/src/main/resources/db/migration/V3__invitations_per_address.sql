-- Counting one organization's invitations to one address over the last day (the per-address allowance).
create index invitations_org_email_idx on invitations (organization_id, email, created_at);
