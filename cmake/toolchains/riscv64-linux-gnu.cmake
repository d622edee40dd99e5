set(SC_CROSS_TRIPLE riscv64-linux-gnu)
set(SC_CROSS_PROCESSOR riscv64)
set(SC_CROSS_QEMU qemu-riscv64)
include(${CMAKE_CURRENT_LIST_DIR}/linux-gnu-cross.cmake)
