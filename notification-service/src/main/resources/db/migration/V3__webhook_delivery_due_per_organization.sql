-- The dispatcher numbers each organization's due deliveries to claim them fairly across organizations.
create index webhook_delivery_org_due_idx on webhook_delivery (organization_id, next_attempt_at) where status = 'pending';
