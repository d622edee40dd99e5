set(SC_CROSS_TRIPLE i686-linux-gnu)
set(SC_CROSS_PROCESSOR i686)
set(SC_CROSS_QEMU qemu-i386)
include(${CMAKE_CURRENT_LIST_DIR}/linux-gnu-cross.cmake)
