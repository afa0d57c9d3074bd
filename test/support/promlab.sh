#!/usr/bin/env bash
# A real Prometheus lab on loopback for the tests: Prometheus scraping itself and a node exporter, with
# some traffic so that handler and status-code label values exist.
#   promlab.sh start DIR   start in DIR; prints the Prometheus URL last
#   promlab.sh stop DIR    stop what `start` started in DIR (by its pid files)
# Needs Debian's prometheus and prometheus-node-exporter (.ci/run installs them).
# Ports: PROM_PORT (default 19290) and NODE_PORT (default 19200), loopback only.
set -euo pipefail
cmd=${1:-start}
PROM_PORT=${PROM_PORT:-19290}
NODE_PORT=${NODE_PORT:-19200}

if [ "$cmd" = stop ]; then
  dir=${2:?usage: promlab.sh stop DIR}
  for f in "$dir"/prom.pid "$dir"/node.pid; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  exit 0
fi

for bin in prometheus prometheus-node-exporter; do
  if ! command -v "$bin" >/dev/null; then
    echo "promlab.sh: $bin is not installed; .ci/run installs the Debian packages prometheus and prometheus-node-exporter" >&2
    exit 2
  fi
done

dir=${2:?usage: promlab.sh start DIR}
mkdir -p "$dir/data"
cat > "$dir/prometheus.yml" <<YML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: prometheus
    static_configs: [{targets: ['127.0.0.1:$PROM_PORT']}]
  - job_name: node
    static_configs: [{targets: ['127.0.0.1:$NODE_PORT']}]
YML
prometheus-node-exporter --web.listen-address=127.0.0.1:$NODE_PORT >"$dir/node.log" 2>&1 &
echo $! >"$dir/node.pid"
prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" \
  --web.listen-address=127.0.0.1:$PROM_PORT >"$dir/prom.log" 2>&1 &
echo $! >"$dir/prom.pid"

url=http://127.0.0.1:$PROM_PORT
ready=0
for _ in $(seq 1 100); do
  if curl -sf "$url/-/ready" >/dev/null; then ready=1; break; fi
  sleep 0.2
done
if [ "$ready" != 1 ]; then
  echo "promlab.sh: Prometheus did not become ready on $url; see $dir/prom.log" >&2
  exit 1
fi
for round in 1 2 3 4; do
  for p in '/api/v1/query?query=up' '/api/v1/query?query=sum(' '/api/v1/labels' '/api/v1/label/__name__/values' \
           '/api/v1/rules' '/api/v1/alerts' '/api/v1/status/config' '/api/v1/targets' '/api/v1/metadata' \
           '/api/v1/series?match[]=up' '/api/v1/query_range?query=up&start=0&end=60&step=15' '/graph'; do
    curl -s -o /dev/null "$url$p" || true
  done
  sleep 2
done
echo "$dir"
echo "$url"
