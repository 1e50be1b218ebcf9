#!/usr/bin/env bash
# Vigil launcher. ./run.sh opens the dashboard; ./run.sh --help lists every command.
# Builds on first use (Maven downloads the dependencies once) and whenever a source changed.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${1:-}" = "test" ]; then
  # The whole test suite. UI tests need a display: without one, run under a virtual X server.
  shift
  if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
    exec xvfb-run -a -s "-screen 0 1600x1000x24" mvn -B verify "$@"
  fi
  exec mvn -B verify "$@"
fi
if [ ! -f target/classpath.txt ] || [ -n "$(find src pom.xml -newer target/classpath.txt -print -quit 2>/dev/null)" ]; then
  echo "Building Vigil (first run downloads dependencies)..." >&2
  mvn -B -q -DskipTests compile >&2
  touch target/classpath.txt
fi
exec java ${VIGIL_JAVA_OPTS:--Xmx6g -Dorg.bytedeco.javacpp.maxphysicalbytes=14G} -cp "target/classes:$(cat target/classpath.txt)" org.vigil.cli.Main "$@"
