#!/usr/bin/env bash
# test/services/start.sh — runs a command against real Redis and PostgreSQL servers (and Chromium
# for the browser test), then stops the servers. `npm run test:services` calls it with no
# arguments: the service suite (vitest.services.config.ts). With arguments, it runs them instead,
# e.g. `bash test/services/start.sh npx vitest run --config vitest.services.config.ts --reporter=json ...`.
#
# - Installs Debian's redis-server, postgresql and chromium when missing (apt-get update once).
# - Starts both servers on 127.0.0.1, on free ports, in a fresh temporary directory; PostgreSQL
#   runs as the `postgres` system user when this script runs as root (initdb refuses root).
# - Redis runs with appendonly yes + appendfsync always: the durable configuration spec/stores.md
#   names. Both servers are stopped and the directory removed on exit, whatever happens.
# - Exports JITSUIN_REDIS_URL, JITSUIN_POSTGRES_URL and JITSUIN_SERVICES_DIR; the restart tests
#   call "$JITSUIN_SERVICES_DIR/restart-redis" and ".../restart-postgres" (kill -9 / immediate stop,
#   then start on the same data).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

log() { printf '[services] %s\n' "$*" >&2; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing from Debian: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >&2 \
    || { log "apt-get install ${missing[*]} failed"; exit 2; }
fi
PG_BIN=$(pg_bin)

free_port() { node -e "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

DIR=$(mktemp -d "${TMPDIR:-/tmp}/jitsuin-services.XXXXXX")
chmod 755 "$DIR"
REDIS_PORT=$(free_port)
PG_PORT=$(free_port)
AS_PG=()
if [ "$(id -u)" -eq 0 ]; then AS_PG=(runuser -u postgres --); fi
mkdir -p "$DIR/pg" "$DIR/sock"
[ ${#AS_PG[@]} -gt 0 ] && chown postgres "$DIR/pg" "$DIR/sock"

cleanup() {
  [ -f "$DIR/redis.pid" ] && kill "$(cat "$DIR/redis.pid")" 2>/dev/null
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$DIR/pg" -m fast -w stop >/dev/null 2>&1
  sleep 0.2
  rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Redis: the durable configuration (every acknowledged write is in the fsynced AOF before the reply).
cat >"$DIR/start-redis" <<SH
#!/usr/bin/env bash
redis-server --bind 127.0.0.1 --port $REDIS_PORT --dir "$DIR" --daemonize yes --pidfile "$DIR/redis.pid" \\
  --logfile "$DIR/redis.log" --appendonly yes --appendfsync always --save ''
for i in \$(seq 1 100); do redis-cli -p $REDIS_PORT ping 2>/dev/null | grep -q PONG && exit 0; sleep 0.05; done
echo "redis did not start; see $DIR/redis.log" >&2; exit 1
SH
cat >"$DIR/restart-redis" <<SH
#!/usr/bin/env bash
# Kills Redis without letting it save anything, then starts it on the same data (the AOF).
pid=\$(cat "$DIR/redis.pid"); kill -9 "\$pid"
while kill -0 "\$pid" 2>/dev/null; do sleep 0.02; done
rm -f "$DIR/redis.pid"
exec "$DIR/start-redis"
SH
cat >"$DIR/restart-postgres" <<SH
#!/usr/bin/env bash
# Immediate stop (no checkpoint: crash recovery from the WAL on start), then start.
${AS_PG[*]} "$PG_BIN/pg_ctl" -D "$DIR/pg" -m immediate -w stop >/dev/null
exec ${AS_PG[*]} "$PG_BIN/pg_ctl" -D "$DIR/pg" -l "$DIR/pg/server.log" -w -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $DIR/sock -c max_connections=200" start >/dev/null
SH
chmod +x "$DIR/start-redis" "$DIR/restart-redis" "$DIR/restart-postgres"

log "starting redis-server $(redis-server --version | sed -E 's/.*v=([0-9.]+).*/\1/') on 127.0.0.1:$REDIS_PORT"
"$DIR/start-redis" || exit 2
log "starting postgres $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
"${AS_PG[@]}" "$PG_BIN/initdb" -D "$DIR/pg" -U postgres -A trust -E UTF8 --no-sync >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 2; }
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$DIR/pg" -l "$DIR/pg/server.log" -w -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $DIR/sock -c max_connections=200" start >/dev/null \
  || { cat "$DIR/pg/server.log" >&2; exit 2; }

export JITSUIN_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
export JITSUIN_POSTGRES_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
export JITSUIN_SERVICES_DIR="$DIR"

if [ $# -eq 0 ]; then set -- npx vitest run --config vitest.services.config.ts; fi
log "running: $*"
"$@"
rc=$?
log "done (exit $rc); stopping the servers"
exit $rc
