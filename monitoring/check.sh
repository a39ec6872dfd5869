#!/usr/bin/env bash
# Validates the monitoring configuration with the tools that will load it:
# promtool (config, rules, unit tests) and amtool (Alertmanager config).
set -euo pipefail
cd "$(dirname "$0")"

promtool check config prometheus/prometheus.yml
promtool check rules prometheus/rules/*.yaml prometheus/alerts/*.yaml
promtool test rules prometheus/tests/*-test.yaml
amtool check-config alertmanager/alertmanager.yml
