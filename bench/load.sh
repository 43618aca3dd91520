#!/usr/bin/env bash
# Load test of the production setup on this machine: gunicorn with production
# settings and the throwaway PostgreSQL, seeded with the demo data, measured
# with wrk. Everything listens on 127.0.0.1 only.
#
# Usage: bench/load.sh            (DURATION=10s WORKERS=4 CONNECTIONS=16 PORT=8106)
#
# Prints, per URL: requests per second, median and 99th-percentile latency,
# answers outside 2xx (target 0) and socket errors; then how many times more
# requests per second the static file gets than each page.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
DURATION=${DURATION:-10s}
WORKERS=${WORKERS:-4}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-8106}
BIN=.venv/bin

[ -x "$BIN/gunicorn" ] || make .venv/.installed
.ci/system-deps.sh wrk postgresql gettext

# Leave the cluster running afterwards if it was running before.
cluster_was_up=false
[ -f .pg/data/postmaster.pid ] && cluster_was_up=true
.ci/postgres.sh start

work=$(mktemp -d)
gunicorn_pid=""
cleanup() {
    if [ -n "$gunicorn_pid" ]; then
        kill "$gunicorn_pid" 2>/dev/null || true
        wait "$gunicorn_pid" 2>/dev/null || true
    fi
    $cluster_was_up || .ci/postgres.sh stop
    rm -rf "$work"
}
trap cleanup EXIT

export DATABASE_URL
DATABASE_URL=$(.ci/postgres.sh url)
export SECRET_KEY
SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
export DEBUG=false ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false
export STATIC_ROOT="$work/static" LOG_LEVEL=WARNING
export GUNICORN_BIND="127.0.0.1:$PORT" WEB_CONCURRENCY="$WORKERS" GUNICORN_ACCESS_LOG=""

echo "== preparing: compilemessages, migrate, createcachetable, load_demo, collectstatic"
$BIN/python manage.py compilemessages --ignore=.venv -v0
$BIN/python manage.py migrate --noinput -v0
$BIN/python manage.py createcachetable -v0
$BIN/python manage.py load_demo >/dev/null
$BIN/python manage.py collectstatic --noinput -v0

# Real addresses from the seeded rows: a plan, one of its commitments, published minutes.
mapfile -t targets < <($BIN/python manage.py shell --no-imports -c "
import json
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse
from django.utils import translation
from commitments.models import ActionPlan
from meetings.models import Meeting

translation.activate('ar')
plan = ActionPlan.objects.order_by('number').first()
commitment = plan.commitments.order_by('number').first()
meeting = Meeting.objects.published().order_by('date').first()
print('home', reverse('commitments:home'))
print('plan dashboard', reverse('commitments:plan_dashboard', args=[plan.number]))
print('commitment page', reverse('commitments:commitment_detail', args=[plan.number, commitment.number]))
print('minutes page', reverse('meetings:minutes', args=[meeting.pk]))
print('api commitments', reverse('api:plan_commitments', args=[plan.number]))
print('static file', staticfiles_storage.url('css/site.css'))
")

echo "== starting gunicorn: $WORKERS workers on $GUNICORN_BIND"
$BIN/gunicorn ogptracker.wsgi >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!
base="http://127.0.0.1:$PORT"
for _ in $(seq 50); do
    curl -fsS "$base/healthz" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -fsS "$base/healthz" >/dev/null || { cat "$work/gunicorn.log"; exit 1; }

cores=$(nproc)
echo "== $cores cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run;" \
    "wrk: $DURATION per URL, $CONNECTIONS connections"
printf '%-16s %-44s %9s %9s %9s %8s %7s\n' "" "url" "req/s" "p50 ms" "p99 ms" "non-2xx" "errors"
declare -A rps
for target in "${targets[@]}"; do
    label=${target% *}
    path=${target##* }
    # A first request warms the worker's database connection and caches.
    curl -fsS -o /dev/null "$base$path"
    result=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 5s -s bench/wrk-report.lua "$base$path" \
        | grep '^RESULT')
    read -r _ rate p50 p99 non2xx errors _ <<<"$result"
    rps[$label]=$rate
    printf '%-16s %-44s %9s %9s %9s %8s %7s\n' "$label" "$path" "$rate" "$p50" "$p99" "$non2xx" "$errors"
done

echo "== static file requests per second, divided by each page's"
for target in "${targets[@]}"; do
    label=${target% *}
    [ "$label" = "static file" ] && continue
    awk -v label="$label" -v static="${rps[static file]}" -v page="${rps[$label]}" \
        'BEGIN { printf "%-16s %8.1f×\n", label, static / page }'
done
echo "== load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
