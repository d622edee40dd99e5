# The Debian package (ci/package runs `cpack -G DEB`): what `cmake --install`
# puts under /usr — the command, the target side of every target this build
# has (<libexec>/spawncheck), refcore, the manual pages and the documents.
# Depends is computed at packaging time by dpkg-shlibdeps from the host's
# own dynamic programs (cmake/package_config.cmake.in): the foreign ones
# (the aarch64 --impl agent) need no host library.

install(FILES README.md HACKING.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME spawncheck)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "conformance and fuzzing harness for process spawning")
set(CPACK_PACKAGE_DESCRIPTION "spawncheck checks vfork, clone(CLONE_VM|CLONE_VFORK) and the POSIX spawn API
of a libc or a library against every documented guarantee, on the host, with
musl and on six architectures under qemu-user, and fuzzes them against a model.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # spawncheck_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "spawncheck developers <spawncheck@localhost>")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# The architecture targets run under qemu-user; VMs of foreign kernels under qemu-system.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qemu-user, qemu-system-arm, qemu-system-misc, qemu-system-ppc, qemu-system-x86")
if(TARGET spawncheck-agent-${SPAWNCHECK_IMPL_TARGET})
  # --impl on the foreign target (aarch64, Debian's arm64) loads the library
  # under test with its cross libc.
  set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libc6-arm64-cross")
endif()
# Debug info stays in the build tree (the command alone carries ~50 MB of
# it); the host's strip knows only the host's own programs.
set(CPACK_STRIP_FILES ${CMAKE_INSTALL_BINDIR}/spawncheck ${SPAWNCHECK_LIBEXEC_DIR}/${SPAWNCHECK_BINFMT_FILE})
foreach(t host musl)
  if(t STREQUAL musl AND NOT TARGET spawncheck-agent-musl)
    continue()
  endif()
  list(APPEND CPACK_STRIP_FILES ${SPAWNCHECK_LIBEXEC_DIR}/${t}/${SPAWNCHECK_AGENT_FILE}
                                ${SPAWNCHECK_LIBEXEC_DIR}/${t}/${SPAWNCHECK_PROBE_FILE})
endforeach()
file(GENERATE OUTPUT ${PROJECT_BINARY_DIR}/CPackProjectConfig.cmake
     INPUT ${PROJECT_SOURCE_DIR}/cmake/package_config.cmake.in)
set(CPACK_PROJECT_CONFIG_FILE ${PROJECT_BINARY_DIR}/CPackProjectConfig.cmake)
include(CPack)
