#!/bin/sh
# run_repeatable.sh SCRATCH_DIR PROGRAM ARGS...: CI's smoke run of a fuzz target, exploring the
# same inputs on every machine and every time. SCRATCH_DIR (the corpus libFuzzer adds to, which
# ARGS name first) is emptied, so what earlier runs found does not change the course. libFuzzer
# takes values from the program's comparisons into its mutations, pointers among them, so with
# address space randomization a fixed -seed still wanders differently from run to run: it is
# turned off, unless the kernel (or a container's seccomp profile) refuses, and then the run goes
# ahead with it.
set -eu
scratch=$1
shift
rm -rf "$scratch"
mkdir -p "$scratch"
if setarch -R true 2>/dev/null; then
  exec setarch -R "$@"
fi
exec "$@"
