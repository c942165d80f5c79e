-- The notification-service schema; its feature tables arrive with their migrations.
comment on schema notification is 'notification-service';
