set(SC_CROSS_TRIPLE arm-linux-gnueabihf)
set(SC_CROSS_PROCESSOR arm)
set(SC_CROSS_QEMU qemu-arm)
include(${CMAKE_CURRENT_LIST_DIR}/linux-gnu-cross.cmake)
