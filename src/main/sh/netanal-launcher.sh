#!/bin/sh
# netanal: this POSIX sh launcher followed by the netanal jar. `java -jar` finds a jar by reading from its end,
# so this one file is both the command and its class path: copy it anywhere on PATH and run it; it needs only a
# Java 17+ runtime. Built by `mvn package` as target/netanal.
self=$0
case $self in
  */*) ;;
  *) self=$(command -v -- "$self") ;;
esac
case $self in
  /*) ;;
  *) self=$PWD/$self ;; # absolute: the class-data archive below records the jar's path
esac
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java=$JAVA_HOME/bin/java
elif command -v java >/dev/null 2>&1; then
  java=$(command -v java)
else
  echo "netanal: java not found: install a Java 17 or later runtime (Debian/Ubuntu: apt-get install" \
    "openjdk-17-jre-headless) or set JAVA_HOME" >&2
  exit 3
fi
# As scripts/netanal: JVM warnings to stderr only (the JVM's default, stdout, would corrupt --json output; CDS's
# are dropped, see below); for file commands on inputs below about 3 GB, C1 alone (C2's faster code does not repay
# its warm-up there); live capture gets C2.
opts="-XX:+UseSerialGC -Xms64m -Xmx200m -Djava.awt.headless=true -Xlog:disable"
opts="$opts -Xlog:all=warning,cds=off,cds+dynamic=off:stderr"
train=
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
    [ "$total" -gt 0 ] && train=yes
    ;;
  serve)
    # The collector decodes --workers uploads at once, each with its own reader buffer and tables.
    opts="$opts -Xmx1g"
    ;;
esac

# Class-data sharing: the classes a run loads, parsed and verified once into an archive the next runs map (about
# 0.1 s of CPU less per run). One archive per copy of this file and Java runtime, in the user's cache directory,
# named by both files' identity so that a rebuilt or moved netanal, or another Java, makes a new one (the JVM also
# checks, and silently ignores an archive that does not match). The first run of a file command on a file makes it:
# the JVM writes it at exit into a temporary file that is renamed only when the JVM exited by itself, because a
# half-written archive can crash the next JVM. Skipped, silently, without a cache directory or a writable one,
# without the Java runtime's own archive (which this one extends), or when NETANAL_JAVA_OPTS sets -Xshare.
identity() {
  stat -L -c '%s %Y %i' -- "$1" 2>/dev/null || stat -L -f '%z %m %i' -- "$1" 2>/dev/null
}
share=
cache=${XDG_CACHE_HOME:-${HOME:+$HOME/.cache}}
case " ${NETANAL_JAVA_OPTS:-} " in
  *-Xshare*|*SharedArchiveFile*|*ArchiveClassesAtExit*) cache= ;;
esac
if [ -n "$cache" ] && runtime=$(readlink -f -- "$java" 2>/dev/null) \
    && [ -f "${runtime%/bin/java}/lib/server/classes.jsa" ] \
    && self_id=$(identity "$self") && java_id=$(identity "$runtime"); then
  place=$(printf '%s' "$self" | cksum | cut -d ' ' -f 1)
  key=$(printf '%s|%s|%s|%s' "$self" "$self_id" "$runtime" "$java_id" | cksum | cut -d ' ' -f 1)
  dir=$cache/netanal
  cds=$dir/netanal-$place-$key.jsa
  if [ -f "$cds" ]; then
    share=-XX:SharedArchiveFile=$cds
    train=
  elif [ -n "$train" ] && mkdir -p -- "$dir" 2>/dev/null && [ -w "$dir" ]; then
    partial=$dir/netanal-$place-$key.$$.partial
    share=-XX:ArchiveClassesAtExit=$partial
  else
    train=
  fi
else
  train=
fi

set -f # the options are split on spaces, never expanded as file names
if [ -n "$train" ]; then
  # Not exec: the archive is renamed after the JVM exits. Ctrl+C still stops the JVM as under exec (the terminal
  # signals the whole process group, and a trap's handler, unlike an ignored signal, is reset for the child); a
  # signal sent to this shell's pid alone takes effect once the JVM ended. Only this one first run is so.
  trap 'rm -f -- "$partial"' INT TERM HUP
  # shellcheck disable=SC2086
  "$java" $opts "$share" ${NETANAL_JAVA_OPTS:-} -jar "$self" "$@"
  status=$?
  if [ "$status" -lt 128 ] && [ -s "$partial" ]; then
    set +f # this copy's older archives (an earlier build, another Java) go; mv is atomic within the directory
    for old in "$dir/netanal-$place"-*; do
      [ "$old" = "$partial" ] || rm -f -- "$old"
    done
    mv -f -- "$partial" "$cds" 2>/dev/null
  fi
  rm -f -- "$partial"
  exit "$status"
fi
# shellcheck disable=SC2086
exec "$java" $opts ${share:+"$share"} ${NETANAL_JAVA_OPTS:-} -jar "$self" "$@"
exit 4
