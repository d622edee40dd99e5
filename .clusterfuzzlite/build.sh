#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build (docs/fuzzing.md): every fuzz target
# linked with $LIB_FUZZING_ENGINE and instrumented by $CC $CXX $CFLAGS
# $CXXFLAGS, copied to $OUT with <target>_seed_corpus.zip and <target>.dict.
# fuzz_spawn_diff runs the agent and the probe: they go to $OUT beside it.
# Runs the same outside the infrastructure with those variables set.
# The infrastructure runs a copy, $SRC/build.sh, from the checkout ($PWD).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ -f "$here/../fuzz/CMakeLists.txt" ]; then root=$(cd "$here/.." && pwd); else root=$PWD; fi
if [ -n "${WORK:-}" ]; then
  work=$WORK
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
build=$work/spawncheck-build

# The Dockerfile clones fmt, nlohmann_json and CLI11 into $SRC: the
# infrastructure's libc++ needs them built with the same flags. Elsewhere
# the installed packages are used.
prefix=()
if [ -n "${SRC:-}" ] && [ -d "$SRC/fmt" ]; then
  deps=$work/deps
  for dep in fmt json CLI11; do
    cmake -S "$SRC/$dep" -B "$work/$dep-build" -DCMAKE_INSTALL_PREFIX="$deps" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
      -DFMT_TEST=OFF -DFMT_DOC=OFF -DJSON_BuildTests=OFF -DCLI11_BUILD_TESTS=OFF -DCLI11_BUILD_EXAMPLES=OFF \
      -DCLI11_BUILD_DOCS=OFF
    cmake --build "$work/$dep-build" -j"$(nproc)" --target install
  done
  prefix=(-DCMAKE_PREFIX_PATH="$deps")
fi

targets=(fuzz_case_parser fuzz_request_decode fuzz_spawn_diff)
cmake -S "$root" -B "$build" "${prefix[@]}" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DSPAWNCHECK_DEVELOPER_MODE=OFF -DSPAWNCHECK_CROSS=OFF \
  -DSPAWNCHECK_FUZZ_ENGINE="$LIB_FUZZING_ENGINE"
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"

# The agent and probe are the target side, built apart with a plain
# compiler: instrumented by an engine's compiler (afl-clang-fast) the probe
# would carry the engine's signal handlers into every report it writes.
CFLAGS= LDFLAGS= cmake -S "$root" -B "$build-target" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_FLAGS= \
  -DCMAKE_C_COMPILER="${SPAWNCHECK_TARGET_CC:-$(command -v clang || command -v cc)}" -DSPAWNCHECK_TARGET_ONLY=ON
cmake --build "$build-target" -j"$(nproc)" --target spawncheck-agent spawncheck-probe
cp "$build-target/src/agent/spawncheck-agent" "$build-target/src/probe/spawncheck-probe" "$OUT/"
declare -A dict=([fuzz_case_parser]=case_format.dict [fuzz_request_decode]=request.dict)
for t in "${targets[@]}"; do
  cp "$build/fuzz/$t" "$OUT/"
  rm -f "$OUT/${t}_seed_corpus.zip"
  (cd "$root/corpus/$t" && zip -q -X "$OUT/${t}_seed_corpus.zip" ./*)
  if [ -n "${dict[$t]:-}" ]; then
    cp "$root/fuzz/${dict[$t]}" "$OUT/$t.dict"
  fi
done
