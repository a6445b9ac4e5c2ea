#!/usr/bin/env bash
# Start a local PostgreSQL 15 server (with PostGIS when it can be installed) for sitrep's store tests.
#
# Installs postgresql-15 and postgresql-15-postgis-3 with apt-get when missing, starts the Debian
# cluster 15/main on 127.0.0.1:5432, creates the user `sitrep` and the database `sitrep_test`, and prints
# the URL on stdout (everything else goes to stderr):
#
#   export SITREP_TEST_PG_URL="$(bash scripts/ci_postgres.sh)"
#   pytest -m postgres tests/unit
#
# Safe to re-run: every step checks first. Needs root (or sudo) and apt for the install step.
set -euo pipefail

PG_VERSION=15
PG_PORT="${SITREP_PG_PORT:-5432}"
PG_USER="${SITREP_PG_USER:-sitrep}"
PG_PASSWORD="${SITREP_PG_PASSWORD:-sitrep}"
PG_DB="${SITREP_PG_DB:-sitrep_test}"
BIN="/usr/lib/postgresql/${PG_VERSION}/bin"

log() { echo "ci_postgres: $*" >&2; }

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        sudo -u postgres "$@"
    fi
}

apt_updated=0
apt_install() {
    if [ "$apt_updated" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

if [ ! -x "${BIN}/postgres" ]; then
    log "installing postgresql-${PG_VERSION}"
    apt_install "postgresql-${PG_VERSION}"
fi
if ! ls "/usr/share/postgresql/${PG_VERSION}/extension/postgis.control" >/dev/null 2>&1; then
    log "installing PostGIS (optional)"
    apt_install "postgresql-${PG_VERSION}-postgis-3" || log "PostGIS not installed; the store works without it"
fi

if ! pg_lsclusters -h 2>/dev/null | awk '{print $1"/"$2}' | grep -qx "${PG_VERSION}/main"; then
    log "creating cluster ${PG_VERSION}/main"
    pg_createcluster "${PG_VERSION}" main --port "${PG_PORT}" >&2
fi

status="$(pg_lsclusters -h | awk -v v="${PG_VERSION}" '$1==v && $2=="main" {print $4}')"
if [ "${status}" != "online" ]; then
    log "starting cluster ${PG_VERSION}/main"
    pg_ctlcluster "${PG_VERSION}" main start -o "-c listen_addresses=127.0.0.1 -c port=${PG_PORT}" >&2
fi

for _ in $(seq 1 30); do
    if pg_isready -q -h 127.0.0.1 -p "${PG_PORT}"; then break; fi
    sleep 1
done
pg_isready -h 127.0.0.1 -p "${PG_PORT}" >&2

psql_admin() { as_postgres psql -v ON_ERROR_STOP=1 -qtA -p "${PG_PORT}" "$@"; }

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname='${PG_USER}'")" != 1 ]; then
    psql_admin -c "CREATE ROLE ${PG_USER} LOGIN PASSWORD '${PG_PASSWORD}'" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname='${PG_DB}'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE ${PG_DB} OWNER ${PG_USER}" >&2
fi
# PostGIS must be created by a superuser; the store uses it when present and degrades without it.
if ls "/usr/share/postgresql/${PG_VERSION}/extension/postgis.control" >/dev/null 2>&1; then
    psql_admin -d "${PG_DB}" -c "CREATE EXTENSION IF NOT EXISTS postgis" >&2 || log "could not enable PostGIS"
fi

echo "postgresql+psycopg://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${PG_PORT}/${PG_DB}"
