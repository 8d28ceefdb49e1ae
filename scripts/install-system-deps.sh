#!/usr/bin/env bash
# Debian packages WARD FLUX's tests and lab need (run as root): the real protocol peers
# (Net-SNMP agent and tools, fping, nmap), the lab's network tools, Chromium for the UI tests,
# and the compilers node-gyp needs for raw-socket.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  snmpd snmp snmptrapd fping iputils-ping nmap iproute2 iptables procps util-linux socat \
  chromium fonts-dejavu-core \
  zabbix-server-pgsql zabbix-frontend-php postgresql php-fpm php-pgsql nginx \
  victoria-metrics \
  poppler-utils python3 make g++ ca-certificates >/dev/null
# Debian's snmpd package may start a system agent; the lab runs its own agents and needs none.
if command -v service >/dev/null 2>&1; then service snmpd stop >/dev/null 2>&1 || true; fi
pkill -x snmpd 2>/dev/null || true
# Likewise the Zabbix test stack (test/lab/zabbix-server.ts) runs its own PostgreSQL, zabbix_server,
# php-fpm and nginx on 127.0.0.1, and the sync tests their own VictoriaMetrics (test/lab/sync-victoria.ts):
# stop the system services the packages may have started.
if command -v service >/dev/null 2>&1; then
  for s in zabbix-server nginx php8.2-fpm postgresql victoria-metrics; do service "$s" stop >/dev/null 2>&1 || true; done
fi
echo "system packages ready: $(snmpd -v | grep -m1 version), $(fping -v 2>&1 | head -1), $(chromium --version 2>/dev/null)"
