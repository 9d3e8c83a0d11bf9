#!/bin/sh
# Times `faqsearch sync` against a full bulk build of the same generated help center, in one run:
#   bulk build (faqsearch index into a new directory), sync of the unchanged export, sync with 1% of
#   the articles changed, the unchanged sync again, and a full sync (the whole export into a new
#   index, every article added).
#
#   bench/sync_bench.sh BUILD_DIR [ARTICLES] [WORK_DIR]      (defaults: 100000, a temporary directory)
set -eu
build=${1:?usage: sync_bench.sh BUILD_DIR [ARTICLES] [WORK_DIR]}
n=${2:-100000}
work=${3:-$(mktemp -d "${TMPDIR:-/tmp}/faqsearch-sync-bench-XXXXXX")}
cli="$build/bin/faqsearch"
gen=$(find "$build/bench" -name faqsearch_gen_corpus -type f | head -n 1)
mkdir -p "$work"
"$gen" "$n" > "$work/export.jsonl"
# 1% changed: every 100th article gets a sentence more.
awk 'NR % 100 == 0 { sub(/"body":"/, "\"body\":\"Updated today. ") } { print }' "$work/export.jsonl" > "$work/changed.jsonl"
rm -rf "$work/index"
seconds() { start=$(date +%s.%N); "$@" > "$work/last.json"; end=$(date +%s.%N); echo "$end - $start" | bc; }
# Each figure is printed as soon as it is measured: a long run shows what it has so far.
echo "articles $n"
full=$(seconds "$cli" index -q --json --db "$work/index" "$work/export.jsonl")
echo "full bulk build       $full s"
unchanged=$(seconds "$cli" sync -q --json --db "$work/index" "$work/export.jsonl")
echo "sync unchanged        $unchanged s  ($(echo "scale=1; 100 * $unchanged / $full" | bc)% of the build)"
echo "  $(cat "$work/last.json")"
changed=$(seconds "$cli" sync -q --json --db "$work/index" "$work/changed.jsonl")
echo "sync 1% changed       $changed s  ($(echo "scale=1; 100 * $changed / $full" | bc)% of the build)"
echo "  $(cat "$work/last.json")"
again=$(seconds "$cli" sync -q --json --db "$work/index" "$work/changed.jsonl")
echo "sync unchanged again  $again s"
rm -rf "$work/index-sync"
full_sync=$(seconds "$cli" sync -q --json --db "$work/index-sync" "$work/export.jsonl")
echo "sync full (new index) $full_sync s  ($(echo "scale=1; 100 * $full_sync / $full" | bc)% of the build)"
