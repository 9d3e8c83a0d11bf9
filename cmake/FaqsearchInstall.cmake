# Install rules: what `cmake --install` puts under the prefix (and what CPack packages).
#
#   include/faqsearch/*.h                      the public API (C++ and C)
#   LIBDIR/libfaqsearch.so.X.Y.Z, .so.SOVERSION, .so, libfaqsearch.a
#   bin/faqsearch                              the CLI
#   LIBDIR/cmake/faqsearch/                    the CMake package: find_package(faqsearch)
#   LIBDIR/pkgconfig/faqsearch.pc              pkg-config --cflags --libs faqsearch
#   share/doc/faqsearch/                       README.md, LICENSE
# The Python module and the PHP binding install themselves (lib/bindings/).
include(CMakePackageConfigHelpers)

set(FAQSEARCH_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/faqsearch)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/faqsearch DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# Two export sets: the shared library needs nothing from its consumers; the static one needs every
# library faqsearch links, so the package loads it only when asked (COMPONENTS static).
install(TARGETS faqsearch_shared EXPORT faqsearchTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS faqsearch_static EXPORT faqsearchStaticTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS faqsearch_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(EXPORT faqsearchTargets NAMESPACE faqsearch:: DESTINATION ${FAQSEARCH_CMAKE_DIR})
install(EXPORT faqsearchStaticTargets NAMESPACE faqsearch:: DESTINATION ${FAQSEARCH_CMAKE_DIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/faqsearchConfig.cmake.in
  ${PROJECT_BINARY_DIR}/faqsearchConfig.cmake INSTALL_DESTINATION ${FAQSEARCH_CMAKE_DIR})
# While the major version is 0 a minor release may break the API (version.h): only the same
# MAJOR.MINOR is compatible then.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(_faqsearch_compatibility SameMinorVersion)
else()
  set(_faqsearch_compatibility SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/faqsearchConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY ${_faqsearch_compatibility})
install(FILES ${PROJECT_BINARY_DIR}/faqsearchConfig.cmake ${PROJECT_BINARY_DIR}/faqsearchConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/FindCLD2.cmake
        DESTINATION ${FAQSEARCH_CMAKE_DIR})

# faqsearch.pc, written at install time with the prefix installed to (`cmake --install --prefix`,
# CPack's /usr): literal paths, which pkg-config leaves out when they are the system's (a relative
# ${pcfiledir}/../.. prefix would put -I/usr/lib/.../../../include on compile lines, and an
# explicit -I/usr/include breaks the C++ library's #include_next).
set(FAQSEARCH_PC_PREFIX "@FAQSEARCH_PC_PREFIX@")  # kept for install time
configure_file(${PROJECT_SOURCE_DIR}/cmake/faqsearch.pc.in ${PROJECT_BINARY_DIR}/faqsearch.pc.in @ONLY)
install(CODE "
  file(READ \"${PROJECT_BINARY_DIR}/faqsearch.pc.in\" pc)
  string(REPLACE \"@FAQSEARCH_PC_PREFIX@\" \"\${CMAKE_INSTALL_PREFIX}\" pc \"\${pc}\")
  file(WRITE \"${PROJECT_BINARY_DIR}/pkgconfig-install/faqsearch.pc\" \"\${pc}\")
  file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig\" TYPE FILE
       FILES \"${PROJECT_BINARY_DIR}/pkgconfig-install/faqsearch.pc\")")

install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})
