#!/usr/bin/env bash
# docker compose only (runs after 01-schemas.sql in /docker-entrypoint-initdb.d, on the first start of an empty
# volume): gives each service role the password from the environment instead of its name, and creates Keycloak's
# own database and role. Helm deployments use an external PostgreSQL prepared by its operator (see helm/README.md).
set -euo pipefail

psql=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB")

set_password() {
    local role="$1" password="$2"
    "${psql[@]}" -q --set=role="$role" --set=password="$password" <<'SQL'
ALTER ROLE :"role" WITH LOGIN PASSWORD :'password';
SQL
}

set_password auth_service "${AUTH_SERVICE_DB_PASSWORD:?}"
set_password user_org_service "${USER_ORG_SERVICE_DB_PASSWORD:?}"
set_password chatbot_service "${CHATBOT_SERVICE_DB_PASSWORD:?}"
set_password audit_service "${AUDIT_SERVICE_DB_PASSWORD:?}"
set_password notification_service "${NOTIFICATION_SERVICE_DB_PASSWORD:?}"

"${psql[@]}" -q --set=password="${KEYCLOAK_DB_PASSWORD:?}" <<'SQL'
CREATE ROLE keycloak WITH LOGIN PASSWORD :'password';
CREATE DATABASE keycloak OWNER keycloak;
SQL
