# The Debian package: `cpack -G DEB` in a build directory gives faqsearch_VERSION_ARCH.deb with
# everything `cmake --install` installs, under /usr. tools/check-deb builds and checks it.
set(CPACK_PACKAGE_NAME faqsearch)
set(CPACK_PACKAGE_VENDOR faqsearch)
set(CPACK_PACKAGE_CONTACT "faqsearch maintainers <faqsearch@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "Library (shared and static, C++ and C API), CLI, CMake package, pkg-config file, Python module and PHP FFI binding.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Binaries are built with debug information; the package ships them stripped.
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_PACKAGE_LICENSE GPL-2+)
# Run-time dependencies from what the library and the CLI link (dpkg-shlibdeps), so that
# `apt install ./faqsearch_*.deb` brings them; shlibs and the ldconfig trigger for the soname.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
# Polish is lemmatized with its Hunspell dictionary, read at run time; without it Polish is not
# stemmed. The bindings need their interpreters, which a C or C++ user does not.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "hunspell-pl")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "python3, php8.2-cli")
include(CPack)
