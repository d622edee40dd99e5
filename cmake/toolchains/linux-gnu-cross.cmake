# Shared body of the per-architecture toolchain files: each sets
# SC_CROSS_TRIPLE (Debian's cross gcc prefix), SC_CROSS_PROCESSOR
# (CMAKE_SYSTEM_PROCESSOR, which picks refcore's <arch>/clone3.S) and
# SC_CROSS_QEMU (the qemu-user binary that runs its programs), then includes
# this file.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR ${SC_CROSS_PROCESSOR})
set(CMAKE_C_COMPILER ${SC_CROSS_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${SC_CROSS_TRIPLE}-g++)
set(CMAKE_CROSSCOMPILING_EMULATOR ${SC_CROSS_QEMU})
set(CMAKE_FIND_ROOT_PATH /usr/${SC_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
