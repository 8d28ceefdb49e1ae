#!/usr/bin/env bash
# Debian packages WARD FLUX's tests and lab need (run as root): the real protocol peers
# (Net-SNMP agent and tools, fping, nmap, Zabbix with PostgreSQL, php-fpm and nginx,
# VictoriaMetrics; prometheus-snmp-exporter as bench/snmp's reference; prometheus, which scrapes
# the host's /api/v1/metrics in test/lab/prometheus-scrape.test.ts), the lab's network tools,
# Chromium for the UI tests, the compilers node-gyp needs for raw-socket, and libwireshark-data
# for the IANA enterprise-number registry (/usr/share/wireshark/enterprises.tsv, read by
# scripts/generate-enterprises.ts and its drift test).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  snmpd snmp snmptrapd snmpsim lldpd fping iputils-ping nmap iproute2 iptables procps util-linux socat \
  chromium fonts-dejavu-core \
  zabbix-server-pgsql zabbix-frontend-php postgresql php-fpm php-pgsql nginx \
  victoria-metrics prometheus-snmp-exporter prometheus \
  poppler-utils graphviz python3 make g++ ca-certificates libwireshark-data >/dev/null
# Installs and nothing else: no service is stopped or killed. The tests and benches start their
# own snmpd, PostgreSQL, php-fpm, nginx, zabbix_server, VictoriaMetrics, snmp_exporter and Prometheus on lab
# addresses or on free ports of 127.0.0.1 (test/lab/README.md), so the services these packages may
# start keep running beside them. (No policy-rc.d to keep them from starting either: one left behind by an interrupted run
# would silently block every later service start on the machine.)
# lldpd: the L2 lab's switches (test/lab/l2-site.ts) run their own lldpd per namespace (-u its own
# control socket, -I only the lab's cables). Its package starts a system lldpd through invoke-rc.d
# unless a policy-rc.d denies it (this dev container's does; CI's may not): that one stays in the
# root namespace, and the lab's switches listen only on their cables, so the two never meet.
echo "system packages ready: $(snmpd -v | grep -m1 version), $(fping -v 2>&1 | head -1), $(chromium --version 2>/dev/null)"
