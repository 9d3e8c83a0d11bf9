# FindCLD2: Compact Language Detector 2 (Debian libcld2-dev), as the imported target CLD2::CLD2.
#
# Debian ships neither a pkg-config file nor a CMake config for CLD2, only headers under
# /usr/include/cld2 and three libraries: libcld2 (the 83 languages of the default tables, which
# cover every language the language table analyzes), libcld2_full (160+ languages, larger tables)
# and libcld2_dynamic (tables loaded from a file at run time). We link libcld2.
#
# Sets CLD2_FOUND, CLD2_INCLUDE_DIR (the directory holding cld2/public/compact_lang_det.h) and
# CLD2_LIBRARY.
find_path(CLD2_INCLUDE_DIR NAMES cld2/public/compact_lang_det.h)
find_library(CLD2_LIBRARY NAMES cld2)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(CLD2 REQUIRED_VARS CLD2_LIBRARY CLD2_INCLUDE_DIR)
mark_as_advanced(CLD2_INCLUDE_DIR CLD2_LIBRARY)

if(CLD2_FOUND AND NOT TARGET CLD2::CLD2)
  add_library(CLD2::CLD2 UNKNOWN IMPORTED)
  set_target_properties(CLD2::CLD2 PROPERTIES
    IMPORTED_LOCATION "${CLD2_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${CLD2_INCLUDE_DIR}")
endif()
