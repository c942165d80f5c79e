-- Messages that must not reach every consumer (e.g. one-time tokens for notification-service) travel on another
-- exchange; null means the platform events exchange.
alter table outbox_event add column exchange varchar(255);
