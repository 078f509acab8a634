#!/usr/bin/env bash
# Creates MeshLens's topics with Kafka's own kafka-topics.sh, for teams that prefer Kafka's tools to
# `meshlens topics create`. Same topics, same settings (streams-app/.../pipeline/Topics.java); topics that
# exist already are left as they are. Kafka Streams creates the app's internal topics itself.
#
#   BOOTSTRAP_SERVERS     the cluster (default localhost:9092)
#   PARTITIONS            partitions of each topic (default 6)
#   REPLICATION_FACTOR    replicas of each partition (default: the broker's default.replication.factor)
#   COMMAND_CONFIG        a client properties file for TLS/SASL, passed as --command-config
#   KAFKA_TOPICS          the kafka-topics.sh to run (default: kafka-topics.sh on the PATH)
#   MESHLENS_INPUT_TOPIC, MESHLENS_DLQ_TOPIC, MESHLENS_ALERTS_TOPIC
#                         topic names, the same variables `meshlens run` reads
set -euo pipefail

bootstrap="${BOOTSTRAP_SERVERS:-localhost:9092}"
partitions="${PARTITIONS:-6}"
replication="${REPLICATION_FACTOR:-}"
kafka_topics="${KAFKA_TOPICS:-kafka-topics.sh}"

day_ms=86400000

# create NAME KEY=VALUE...: one topic and its topic-level configs.
create() {
  local name="$1"
  shift
  local args=(--bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" --partitions "$partitions")
  if [ -n "$replication" ]; then
    args+=(--replication-factor "$replication")
  fi
  if [ -n "${COMMAND_CONFIG:-}" ]; then
    args+=(--command-config "$COMMAND_CONFIG")
  fi
  local config
  for config in "$@"; do
    args+=(--config "$config")
  done
  "$kafka_topics" "${args[@]}"
}

# Access-log records from Fluent Bit: a day, enough to replay after an outage or an application reset.
create "${MESHLENS_INPUT_TOPIC:-istio-proxy-logs}" cleanup.policy=delete retention.ms=$((1 * day_ms))
# Records that are not access events: people look at them days later.
create "${MESHLENS_DLQ_TOPIC:-meshlens.dlq}" cleanup.policy=delete retention.ms=$((7 * day_ms))
# Alert transitions keyed by alert (service|direction|cause): compaction keeps each alert's latest state.
create "${MESHLENS_ALERTS_TOPIC:-meshlens.alerts}" cleanup.policy=compact,delete retention.ms=$((30 * day_ms))
