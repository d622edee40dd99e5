set(SC_CROSS_TRIPLE s390x-linux-gnu)
set(SC_CROSS_PROCESSOR s390x)
set(SC_CROSS_QEMU qemu-s390x)
include(${CMAKE_CURRENT_LIST_DIR}/linux-gnu-cross.cmake)
