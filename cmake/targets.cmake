# Target-side builds of this same tree for the libcs and architectures the
# harness can drive (`spawncheck check --target NAME`): a static musl agent
# run natively, and a static aarch64 glibc agent run under qemu-aarch64.
# Each toolchain found builds the target side only, as an external project;
# the harness learns where each agent is from SPAWNCHECK_TARGETS.
include(ExternalProject)
find_program(SC_MUSL_GCC musl-gcc)
find_program(SC_AARCH64_GCC aarch64-linux-gnu-gcc)
find_program(SC_QEMU_AARCH64 qemu-aarch64)

set(SPAWNCHECK_TARGET_DEFS)
set(SPAWNCHECK_TARGET_AGENTS)

# spawncheck_target(<name> <cmake args>...): the target side of this tree in
# <build>/targets/<name>.
function(spawncheck_target name)
  set(dir ${PROJECT_BINARY_DIR}/targets/${name})
  ExternalProject_Add(spawncheck-agent-${name}
    SOURCE_DIR ${PROJECT_SOURCE_DIR}
    BINARY_DIR ${dir}
    CMAKE_ARGS ${ARGN} -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSPAWNCHECK_TARGET_ONLY=ON -DSPAWNCHECK_STATIC=ON
    BUILD_ALWAYS ON # the sources are this tree's: let make decide what changed
    INSTALL_COMMAND ""
    BUILD_BYPRODUCTS ${dir}/src/agent/spawncheck-agent ${dir}/src/probe/spawncheck-probe)
  set(SPAWNCHECK_TARGET_AGENTS ${SPAWNCHECK_TARGET_AGENTS} spawncheck-agent-${name} PARENT_SCOPE)
endfunction()

if(SC_MUSL_GCC)
  spawncheck_target(musl -DCMAKE_C_COMPILER=${SC_MUSL_GCC})
  set(dir ${PROJECT_BINARY_DIR}/targets/musl)
  list(APPEND SPAWNCHECK_TARGET_DEFS
    SPAWNCHECK_MUSL_AGENT="${dir}/src/agent/spawncheck-agent" SPAWNCHECK_MUSL_PROBE="${dir}/src/probe/spawncheck-probe")
endif()
if(SC_AARCH64_GCC AND SC_QEMU_AARCH64)
  spawncheck_target(aarch64 -DCMAKE_TOOLCHAIN_FILE=${PROJECT_SOURCE_DIR}/cmake/toolchains/aarch64-linux-gnu.cmake)
  # Its probe is the host's: without binfmt_misc an emulated process cannot
  # exec an aarch64 binary, but the kernel runs a host-native static one.
  list(APPEND SPAWNCHECK_TARGET_DEFS
    SPAWNCHECK_AARCH64_AGENT="${PROJECT_BINARY_DIR}/targets/aarch64/src/agent/spawncheck-agent"
    SPAWNCHECK_QEMU_AARCH64="${SC_QEMU_AARCH64}")
endif()
