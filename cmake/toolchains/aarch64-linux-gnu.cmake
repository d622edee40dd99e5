set(SC_CROSS_TRIPLE aarch64-linux-gnu)
set(SC_CROSS_PROCESSOR aarch64)
set(SC_CROSS_QEMU qemu-aarch64)
include(${CMAKE_CURRENT_LIST_DIR}/linux-gnu-cross.cmake)
