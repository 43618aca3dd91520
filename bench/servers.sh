#!/usr/bin/env bash
# One server against two, sharing one PostgreSQL, one Redis and one bucket (moto's
# S3 server), on this machine's loopback: the demo data, production settings,
# wrk with the same total of connections first on server A alone, then split
# between A and B as a balancer would.
#
# Usage: bench/servers.sh     (DURATION=10s WORKERS=2 CONNECTIONS=8 PORT=8110)
#
# Prints, per URL, requests per second with one server and with two (the sum of
# both), answers outside 2xx and socket errors (target 0), and their ratio. Two
# servers on one machine share its cores: the ratio there shows what sharing the
# cache and the sessions costs, not the capacity two machines add.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
DURATION=${DURATION:-10s}
WORKERS=${WORKERS:-2}
CONNECTIONS=${CONNECTIONS:-8}
PORT=${PORT:-8110}
BIN=.venv/bin

[ -x "$BIN/moto_server" ] || make .venv/.installed
.ci/system-deps.sh wrk postgresql gettext redis-server

cluster_was_up=false
[ -f .pg/data/postmaster.pid ] && cluster_was_up=true
.ci/postgres.sh start

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    $cluster_was_up || .ci/postgres.sh stop
    rm -rf "$work"
}
trap cleanup EXIT

wait_for() {
    for _ in $(seq 100); do
        curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
        sleep 0.2
    done
    echo "no answer from $1" >&2
    cat "$work"/*.log >&2
    exit 1
}

redis_port=$((PORT + 10))
s3_port=$((PORT + 11))
export DATABASE_URL
DATABASE_URL=$(.ci/postgres.sh url)
export SECRET_KEY
SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
export DEBUG=false ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false LOG_LEVEL=WARNING
export STATIC_ROOT="$work/static" WEB_CONCURRENCY="$WORKERS" GUNICORN_ACCESS_LOG=""
export REDIS_URL="redis://127.0.0.1:$redis_port/0"
export S3_BUCKET=evidence S3_ENDPOINT_URL="http://127.0.0.1:$s3_port" S3_REGION=us-east-1
export AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench

echo "== starting Redis on $redis_port and moto's S3 server on $s3_port"
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no \
    --dir "$work" >"$work/redis.log" 2>&1 &
pids+=($!)
$BIN/moto_server -H 127.0.0.1 -p "$s3_port" >"$work/moto.log" 2>&1 &
pids+=($!)
wait_for "$S3_ENDPOINT_URL/"
$BIN/python -c "
import boto3, os
boto3.client('s3', endpoint_url=os.environ['S3_ENDPOINT_URL']).create_bucket(Bucket='evidence')"

echo "== preparing: compilemessages, migrate, load_demo, collectstatic"
$BIN/python manage.py compilemessages --ignore=.venv -v0
$BIN/python manage.py migrate --noinput -v0
$BIN/python manage.py load_demo >/dev/null
$BIN/python manage.py collectstatic --noinput -v0

mapfile -t targets < <($BIN/python manage.py shell --no-imports -c "
from django.urls import reverse
from django.utils import translation
from commitments.models import ActionPlan

translation.activate('ar')
plan = ActionPlan.objects.order_by('number').first()
commitment = plan.commitments.order_by('number').first()
print('home', reverse('commitments:home'))
print('plan dashboard', reverse('commitments:plan_dashboard', args=[plan.number]))
print('commitment page', reverse('commitments:commitment_detail', args=[plan.number, commitment.number]))
print('api commitments', reverse('api:plan_commitments', args=[plan.number]))
")

start_server() {
    GUNICORN_BIND="127.0.0.1:$1" $BIN/gunicorn ogptracker.wsgi >"$work/gunicorn-$1.log" 2>&1 &
    pids+=($!)
    wait_for "http://127.0.0.1:$1/healthz"
}

# wrk's RESULT line (bench/wrk-report.lua): req/s p50 p99 non-2xx errors requests.
run_wrk() {
    wrk -t1 -c"$1" -d"$DURATION" --timeout 5s -s bench/wrk-report.lua "$2" | grep '^RESULT'
}

a="http://127.0.0.1:$PORT"
b="http://127.0.0.1:$((PORT + 1))"
echo "== starting server A ($WORKERS workers)"
start_server "$PORT"
declare -A one
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg);" \
    "wrk: $DURATION per URL, $CONNECTIONS connections in all"
echo "-- one server"
for target in "${targets[@]}"; do
    label=${target% *}
    path=${target##* }
    curl -fsS -o /dev/null "$a$path"
    read -r _ rate _ _ non2xx errors _ <<<"$(run_wrk "$CONNECTIONS" "$a$path")"
    one[$label]=$rate
    printf '%-16s %9s req/s  non-2xx %s  errors %s\n' "$label" "$rate" "$non2xx" "$errors"
done

echo "== starting server B ($WORKERS workers)"
start_server "$((PORT + 1))"
echo "-- two servers (sum of both)"
declare -A two
for target in "${targets[@]}"; do
    label=${target% *}
    path=${target##* }
    curl -fsS -o /dev/null "$b$path"
    run_wrk $((CONNECTIONS / 2)) "$a$path" >"$work/wrk-a" &
    wrk_a=$!
    run_wrk $((CONNECTIONS / 2)) "$b$path" >"$work/wrk-b"
    wait "$wrk_a"
    read -r _ rate_a _ _ bad_a errors_a _ <"$work/wrk-a"
    read -r _ rate_b _ _ bad_b errors_b _ <"$work/wrk-b"
    two[$label]=$(awk -v x="$rate_a" -v y="$rate_b" 'BEGIN { printf "%.1f", x + y }')
    printf '%-16s %9s req/s  (A %s, B %s)  non-2xx %s  errors %s\n' "$label" "${two[$label]}" \
        "$rate_a" "$rate_b" $((bad_a + bad_b)) $((errors_a + errors_b))
done

echo "== throughput with two servers divided by one server's"
for target in "${targets[@]}"; do
    label=${target% *}
    awk -v label="$label" -v one="${one[$label]}" -v two="${two[$label]}" \
        'BEGIN { printf "%-16s %5.2f×\n", label, two / one }'
done
echo "== load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
