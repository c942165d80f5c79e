-- The chatbot-service schema; its feature tables arrive with their migrations.
comment on schema chatbot is 'chatbot-service';
