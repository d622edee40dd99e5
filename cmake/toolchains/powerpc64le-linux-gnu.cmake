set(SC_CROSS_TRIPLE powerpc64le-linux-gnu)
set(SC_CROSS_PROCESSOR ppc64le)
set(SC_CROSS_QEMU qemu-ppc64le)
include(${CMAKE_CURRENT_LIST_DIR}/linux-gnu-cross.cmake)
