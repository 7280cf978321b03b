#!/bin/sh
# netanal: this POSIX sh launcher followed by the netanal jar. `java -jar` finds a jar by reading from its end,
# so this one file is both the command and its class path: copy it anywhere on PATH and run it; it needs only a
# Java 17+ runtime. Built by `mvn package` as target/netanal.
self=$0
case $self in
  */*) ;;
  *) self=$(command -v -- "$self") ;;
esac
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java=$JAVA_HOME/bin/java
elif command -v java >/dev/null 2>&1; then
  java=java
else
  echo "netanal: java not found: install a Java 17 or later runtime (Debian/Ubuntu: apt-get install" \
    "openjdk-17-jre-headless) or set JAVA_HOME" >&2
  exit 3
fi
# As scripts/netanal: JVM warnings to stderr (its default, stdout, would corrupt --json output); for file commands
# on inputs below about 3 GB, C1 alone (C2's faster code does not repay its warm-up there); live capture gets C2.
opts="-XX:+UseSerialGC -Xms64m -Xmx200m -Djava.awt.headless=true -Xlog:all=warning:stderr"
case "${1:-}" in
  analyze|export|chart|flows|windows)
    total=0
    for arg in "$@"; do
      if [ -f "$arg" ]; then
        total=$((total + $(wc -c <"$arg")))
      fi
    done
    if [ "$total" -lt 3000000000 ]; then
      opts="$opts -XX:TieredStopAtLevel=1"
    fi
    ;;
  serve)
    # The collector decodes --workers uploads at once, each with its own reader buffer and tables.
    opts="$opts -Xmx1g"
    ;;
esac
set -f # the options are split on spaces, never expanded as file names
# shellcheck disable=SC2086
exec "$java" $opts ${NETANAL_JAVA_OPTS:-} -jar "$self" "$@"
exit 4
