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
# JVM warnings to stderr only (the JVM's default, stdout, would corrupt --json output; CDS's
# are dropped, see below); for file commands on inputs below about 3 GB, C1 alone (C2's faster code does not repay
# its warm-up there); live capture gets C2.
opts="-XX:+UseSerialGC -Xms64m -Xmx200m -Djava.awt.headless=true -Xlog:disable"
opts="$opts -Xlog:all=warning,cds=off,cds+dynamic=off:stderr"
files=
case "${1:-}" in
  # File commands: reflection without inflation. Java 17 turns a Method called 15 times into a generated class,
  # and writing a report calls each record accessor more often than that: 64 classes, about 30 ms at the end of
  # every analyze. Not for the long-running commands (serve's JSON goes through reflection for as long as it runs,
  # where generated accessors pay); Java 18 and later use method handles and ignore the property.
  analyze|export|chart|flows|windows) files=yes opts="$opts -Dsun.reflect.inflationThreshold=2147483647" ;;
  serve) opts="$opts -Xmx1g" ;; # the collector decodes --workers uploads at once, each with its own tables
esac

# One stat(1) for everything below (each program started here costs about a millisecond before the JVM starts):
# size, modification time, inode and type of this file, of the java binary and of each existing argument of a
# file command, a line each in that order. GNU's options, else BSD's (tried only when GNU's printed nothing:
# GNU stat reads -f as another option).
stats() {
  stat -L -c '%s %Y %i %F' -- "$@" 2>/dev/null || :
}
stats_bsd() {
  stat -L -f '%z %m %i %HT' -- "$@" 2>/dev/null || :
}
if [ -n "$files" ]; then
  lines=$(stats "$self" "$java" "$@")
  [ -n "$lines" ] || lines=$(stats_bsd "$self" "$java" "$@")
else
  lines=$(stats "$self" "$java")
  [ -n "$lines" ] || lines=$(stats_bsd "$self" "$java")
fi
n=0 total=0 self_id= java_id=
while read -r size mtime inode type; do
  n=$((n + 1))
  case $n in
    1) self_id=$size-$mtime-$inode ;;
    2) java_id=$size-$mtime-$inode ;;
    *) case $type in [Rr]egular*) total=$((total + size)) ;; esac ;;
  esac
done <<EOF
$lines
EOF
train=
if [ -n "$files" ]; then
  if [ "$total" -lt 3000000000 ]; then
    # C1 alone, and netanal's own methods compiled after a tenth of the usual calls and loop turns: the per-frame
    # code leaves the interpreter sooner, the JDK's and picocli's start-up code (run a few hundred times) is left
    # to the usual thresholds. On the benchmark capture, 16 alternating pairs: analyze --no-detect -7..-10% of
    # wall and CPU time, full analyze -3..-7%, flows unchanged. (quiet first: CompileCommand otherwise prints
    # each command to stdout.)
    opts="$opts -XX:TieredStopAtLevel=1 -XX:CompileCommand=quiet"
    opts="$opts -XX:CompileCommand=CompileThresholdScaling,io/netanal/*.*,0.1"
  fi
  [ "$total" -gt 0 ] && train=yes
fi

# Class-data sharing: the classes a run loads, parsed and verified once into an archive the next runs map (about
# 0.1 s of CPU less per run). One archive per copy of this file and Java runtime, in the user's cache directory,
# named by this file's path (spelled as a file name) and both files' identity, so that a rebuilt or moved netanal,
# or another Java, makes a new one (the JVM also checks, and silently ignores an archive that does not match). The
# first run of a file command on a file makes it: after the command's own work that JVM also runs every file
# command on a small bundled capture (-Dnetanal.train, output discarded), so that the archive holds all their
# classes whichever command came first, and writes the archive at exit into a temporary file that is renamed only
# when the JVM exited by itself, because a half-written archive can crash the next JVM. Skipped, silently, without
# a cache directory or a writable one, without the Java runtime's own archive (which this one extends), or when
# NETANAL_JAVA_OPTS sets -Xshare.
share=
cache=${XDG_CACHE_HOME:-${HOME:+$HOME/.cache}}
case " ${NETANAL_JAVA_OPTS:-} " in
  *-Xshare*|*SharedArchiveFile*|*ArchiveClassesAtExit*) cache= ;;
esac
if [ -n "$cache" ] && [ -n "$java_id" ]; then
  # This file's path as one file name ('%' as %25, '/' as %2F), its last 150 characters (a name has 255 at most);
  # "%-" ends it, which no spelled path contains, so that no other copy's archives match this one's below.
  place= rest=$self
  while :; do
    case $rest in
      *[%/]*) ;;
      *) place=$place$rest; break ;;
    esac
    head=${rest%%[%/]*}
    rest=${rest#"$head"}
    case $rest in
      %*) place=$place$head%25 ;;
      *) place=$place$head%2F ;;
    esac
    rest=${rest#?}
  done
  while [ "${#place}" -gt 150 ]; do
    place=${place#?}
  done
  dir=$cache/netanal
  cds=$dir/netanal-$place%-$self_id-$java_id.jsa
  if [ -f "$cds" ]; then
    share=-XX:SharedArchiveFile=$cds
    train=
  elif [ -n "$train" ] && runtime=$(readlink -f -- "$java" 2>/dev/null) \
      && [ -f "${runtime%/bin/java}/lib/server/classes.jsa" ] \
      && mkdir -p -- "$dir" 2>/dev/null && [ -w "$dir" ]; then
    partial=$dir/netanal-$place%-$$.partial
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
  "$java" $opts "$share" -Dnetanal.train=true ${NETANAL_JAVA_OPTS:-} -jar "$self" "$@"
  status=$?
  if [ "$status" -lt 128 ] && [ -s "$partial" ]; then
    set +f # this copy's older archives (an earlier build, another Java) go; mv is atomic within the directory
    for old in "$dir/netanal-$place%-"*; do
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
