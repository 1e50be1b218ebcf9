#!/usr/bin/env bash
# Alarm quality per emotion model: docs/alarm-quality.sh MODEL [MODEL...]
#
# For each model:
#  1. FER+ still-face streams (./run.sh alerts fer-streams): 60 calm patients (>= 7 of 10 votes for
#     neutral, or for happiness) and 60 distressed ones (>= 7 for sadness, or for anger) from
#     $VIGIL_SHARED/data/ferplus/test, 60 s each, classified once a second (the recipe of docs/alerts.md),
#     replayed through the four presets and the shipped alerts-config/rules.yaml (./run.sh alerts replay);
#  2. the crying clip and the smiling clip, each looped to 90 s of stream time (monitor --fast --loop
#     --duration 90: every frame analysed, as fast as the machine goes; decisions run on stream time,
#     so the figures are those of a 90 s real-time run without dropped frames), under the default rules.
#     Run it in the day shift: monitor uses the wall clock, and the shipped night shift asks 40 s, not the day's 15 s.
#     At night, give the clip runs a zone where it is day (the rules' shifts use the machine's zone), e.g.
#     AQ_CLIP_TZ=Pacific/Honolulu docs/alarm-quality.sh MODEL; the table's header prints the clips' local time.
#     (Replays need nothing: they are judged at noon in the rules' zone.)
# Prints one markdown table per model. Work files: runs/alarm-quality/<model>/.
# Overrides for a quick try: AQ_PATIENTS (60), AQ_SECONDS (60), AQ_LOOP_S (90); AQ_CLIP_TZ (above).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then
  echo "usage: docs/alarm-quality.sh MODEL [MODEL...]   (e.g. models/vigil-fer7-compact.vigil)" >&2
  exit 2
fi
SHARED=${VIGIL_SHARED:-../shared}
FER=$SHARED/data/ferplus/test
CRY=$SHARED/data/videos/pyfeat_WolfgangLanger_Pexels.mp4
SMILE=$SHARED/data/videos/pyfeat_single_face.mp4
PATIENTS=${AQ_PATIENTS:-60}
SECS=${AQ_SECONDS:-60}
LOOP_S=${AQ_LOOP_S:-90}
P=alerts-config/presets
RULES=$P/sensitive.yaml,$P/balanced.yaml,$P/conservative.yaml,$P/conservative-baseline.yaml,alerts-config/rules.yaml
for f in "$FER/label.csv" "$CRY" "$SMILE"; do
  [ -e "$f" ] || { echo "missing $f (set VIGIL_SHARED to the folder holding data/)" >&2; exit 2; }
done

# First raised alert of a kind in monitor JSON lines: "t" of the first matching line, or "none".
first_alert_t() { # file, kind
  grep '"type":"alert"' "$1" | grep '"transition":"raised"' | grep "\"kind\":\"$2\"" | head -1 \
    | sed -n 's/.*"t":\([0-9.]*\).*/\1 s/p' | grep . || echo none
}
count_raised() { # file, kind pattern (grep -E)
  grep '"type":"alert"' "$1" | grep '"transition":"raised"' | grep -cE "\"kind\":\"$2\"" || true
}

for M in "$@"; do
  [ -f "$M" ] || { echo "no model file $M" >&2; exit 2; }
  name=$(basename "${M%.*}")
  out=runs/alarm-quality/$name
  mkdir -p "$out"
  echo "== $name: FER+ still-face streams ($PATIENTS+$PATIENTS patients, $SECS s, 1/s) ==" >&2
  ./run.sh alerts fer-streams --model "$M" --fer "$FER" --min-votes 7 --patients "$PATIENTS" --seconds "$SECS" --fps 1 \
      --out-dir "$out" >&2
  ./run.sh alerts replay --rules "$RULES" "$out/fer-calm.jsonl" "$out/fer-distress.jsonl" > "$out/replay.txt"
  for clip in cry:$CRY smile:$SMILE; do
    echo "== $name: ${clip%%:*} clip looped to $LOOP_S s (--fast) ==" >&2
    rm -f "$out/${clip%%:*}.jsonl"
    env ${AQ_CLIP_TZ:+TZ=$AQ_CLIP_TZ} ./run.sh monitor --headless --fast --loop --duration "$LOOP_S" --source "${clip#*:}" --bed "${clip%%:*}" --model "$M" \
        --rules alerts-config --alerts-db none --status-every 1 --out "$out/${clip%%:*}.jsonl" > /dev/null
  done

  echo
  echo "Model \`$M\` ($(date -u +%Y-%m-%dT%H:%MZ), clips judged at $(env ${AQ_CLIP_TZ:+TZ=$AQ_CLIP_TZ} date +%H:%M) local time); FER+ test, >= 7/10 votes, $PATIENTS patients per group, $SECS s each:"
  echo
  echo "| rules | calm patients alerted (of $PATIENTS) | false alerts per hour | distress patients alerted (of $PATIENTS) | median time to alert |"
  echo "| --- | --- | --- | --- | --- |"
  # replay columns: rules timeline beds seconds assess.s alerts alerts/h alerted "1st alert" "median 1st" peak,
  # where a time is "12.0 s" (two fields) or "none" (one).
  awk 'NR > 1 {
      alerted = $8; split(alerted, a, "/"); i = 9
      first = ($i == "none") ? "none" : $i " s"; i += ($i == "none") ? 1 : 2
      median = ($i == "none") ? "none" : $i " s"
      key = $1
      if ($2 ~ /calm/) { calm[key] = a[1]; rate[key] = $7 } else { dist[key] = a[1]; med[key] = median }
      if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    }
    END { for (k = 1; k <= n; k++) { r = order[k]; label = (r == "rules.yaml") ? "alerts-config/rules.yaml (shipped default)" : r
            printf "| %s | %s | %s /h | %s | %s |\n", label, calm[r], rate[r], dist[r], med[r] } }' "$out/replay.txt"
  echo
  echo "| clip, looped to $LOOP_S s of stream time (monitor --fast --loop), shipped rules | result |"
  echo "| --- | --- |"
  echo "| crying clip (19.7 s): time to first distress alert | $(first_alert_t "$out/cry.jsonl" distress) |"
  echo "| smiling clip (2.4 s): alerts raised | $(count_raised "$out/smile.jsonl" distress) distress, $(count_raised "$out/smile.jsonl" '[^"]*' | tr -d ' ') in all |"
done
