#!/usr/bin/env bash
# Builds clinicflow.jar and the bench harness, then runs one mode of the harness:
#
#   bench/run.sh                 the performance suite (~20 min): writes docs/benchmarks.md
#                                and docs/benchmarks/latency-throughput.png
#   bench/run.sh suite --quick   a shorter suite
#   bench/run.sh crash           SIGKILL the worker 10 times under load (roles split)
#   bench/run.sh redelivery      every webhook posted 1-3 times, shuffled
#   bench/run.sh storms          Gemini 429 storms and 500s
#   bench/run.sh dbrestart       PostgreSQL restarted mid-run
#   bench/run.sh fuzz            hostile webhook bodies against the running application
#   bench/run.sh reliability     all five; each writes its section of docs/benchmarks/reliability.md
#
# Options are --name=value (see docs/benchmarks.md); process logs go to bench/target/runs/.
# The harness is not part of ./mvnw verify: it is built only with -Pbench.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench -pl app,bench -am -DskipTests package
if [ $# -eq 0 ]; then
  set -- suite
fi
# Run from a copy, so that rebuilding while a run is in progress cannot pull classes from under it.
mkdir -p bench/target/runs
jar="bench/target/runs/clinicflow-bench-$(date +%Y%m%d-%H%M%S).jar"
cp bench/target/clinicflow-bench.jar "$jar"
# The baseline's turns run in this JVM: its GC log lets the report tell their stalls apart.
exec java -Xmx4g -Xlog:gc:file=bench/target/runs/bench-gc-%p.log:time,uptime -jar "$jar" "$@"
