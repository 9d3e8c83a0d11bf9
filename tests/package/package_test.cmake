# The package as its users get it: `cmake -DMODE=... -P package_test.cmake`, one CTest test per MODE.
#
#   install        cmake --install into WORK/prefix; the expected files are there; the README's
#                  C++ example is extracted to WORK/readme_example.cpp
#   find_package   the example built by a CMake project with find_package(faqsearch), then run
#   static         the same with COMPONENTS static and faqsearch::faqsearch_static
#   pkg_config     the example built with `c++ $(pkg-config --cflags --libs faqsearch)`, then run;
#                  the link line must be -lfaqsearch alone; the README's C example too, as C99
#   python         the installed Python module runs the README's Python example
#   php            the installed PHP binding runs the README's PHP example
#   exports        the installed shared library exports the API (C++ and C) and nothing else
#
# Variables: MODE, SOURCE_DIR, BUILD_DIR, WORK, CXX, CC, PYTHON, PHP, GENERATOR, LIBDIR (install's libdir).
cmake_minimum_required(VERSION 3.25)
set(prefix "${WORK}/prefix")

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

# Runs the built example in an empty directory (it creates its index there) and checks that what it
# prints matches `expected` (default: the C++ example's first hit).
function(run_example exe)
  set(expected "Where is my order\\?\n.*<mark>parcel</mark>")
  if(ARGC GREATER 1)
    set(expected "${ARGV1}")
  endif()
  list(GET exe -1 name)
  get_filename_component(name "${name}" NAME)
  set(dir "${WORK}/run-${MODE}-${name}")
  file(REMOVE_RECURSE "${dir}")
  file(MAKE_DIRECTORY "${dir}")
  execute_process(COMMAND ${CMAKE_COMMAND} -E env "LD_LIBRARY_PATH=${prefix}/${LIBDIR}" ${exe}
                  WORKING_DIRECTORY "${dir}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "${expected}")
    message(FATAL_ERROR "the README example (${exe}) exited ${rc}, printing:\n${out}\n${err}")
  endif()
  message(STATUS "the README example printed:\n${out}")
endfunction()

# Writes the first ```<language> block after `heading` in README.md to `file`.
function(extract_example heading language file)
  file(READ "${SOURCE_DIR}/README.md" readme)
  string(FIND "${readme}" "${heading}\n" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "README.md has no heading \"${heading}\"")
  endif()
  string(SUBSTRING "${readme}" ${at} -1 readme)
  string(FIND "${readme}" "```${language}\n" begin)
  if(begin EQUAL -1)
    message(FATAL_ERROR "README.md has no ```${language} block under \"${heading}\"")
  endif()
  string(LENGTH "```${language}\n" fence)
  math(EXPR begin "${begin} + ${fence}")
  string(SUBSTRING "${readme}" ${begin} -1 readme)
  string(FIND "${readme}" "```" end)
  string(SUBSTRING "${readme}" 0 ${end} example)
  file(WRITE "${file}" "${example}")
endfunction()

if(MODE STREQUAL "install")
  file(REMOVE_RECURSE "${WORK}")
  run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")
  foreach(f include/faqsearch/faqsearch.h include/faqsearch/version.h bin/faqsearch
            ${LIBDIR}/libfaqsearch.a ${LIBDIR}/libfaqsearch.so ${LIBDIR}/pkgconfig/faqsearch.pc
            ${LIBDIR}/cmake/faqsearch/faqsearchConfig.cmake ${LIBDIR}/cmake/faqsearch/faqsearchConfigVersion.cmake
            ${LIBDIR}/cmake/faqsearch/faqsearchTargets.cmake ${LIBDIR}/cmake/faqsearch/faqsearchStaticTargets.cmake)
    if(NOT EXISTS "${prefix}/${f}")
      message(FATAL_ERROR "cmake --install did not install ${f}")
    endif()
  endforeach()
  # The soname carries the version (include/faqsearch/version.h): .so -> .so.SOVERSION -> .so.X.Y.Z.
  file(READ_SYMLINK "${prefix}/${LIBDIR}/libfaqsearch.so" soname)
  if(NOT soname MATCHES "^libfaqsearch\\.so\\.[0-9]+(\\.[0-9]+)?$" OR NOT EXISTS "${prefix}/${LIBDIR}/${soname}")
    message(FATAL_ERROR "libfaqsearch.so points to '${soname}', not to a versioned soname")
  endif()
  # The README's examples, exactly as written.
  extract_example("## Using the library" "cpp" "${WORK}/readme_example.cpp")
  extract_example("## C API" "c" "${WORK}/readme_example.c")
elseif(MODE STREQUAL "find_package" OR MODE STREQUAL "static")
  set(static OFF)
  if(MODE STREQUAL "static")
    set(static ON)
  endif()
  set(build "${WORK}/consumer-${MODE}")
  file(REMOVE_RECURSE "${build}")
  run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/tests/package/consumer" -B "${build}" -G "${GENERATOR}"
      -DCMAKE_CXX_COMPILER=${CXX} "-DCMAKE_PREFIX_PATH=${prefix}" -DFAQSEARCH_STATIC=${static}
      "-DFAQSEARCH_EXAMPLE=${WORK}/readme_example.cpp")
  run(${CMAKE_COMMAND} --build "${build}")
  run_example("${build}/readme_example")
elseif(MODE STREQUAL "pkg_config")
  set(ENV{PKG_CONFIG_PATH} "${prefix}/${LIBDIR}/pkgconfig")
  run(pkg-config --cflags faqsearch)
  string(STRIP "${out}" cflags)
  run(pkg-config --libs faqsearch)
  string(STRIP "${out}" libs)
  # What a consumer needs on the link line: the one library.
  if(NOT libs MATCHES "^-L[^ ]+ -lfaqsearch$")
    message(FATAL_ERROR "pkg-config --libs faqsearch gives '${libs}', not -L<dir> -lfaqsearch")
  endif()
  separate_arguments(cflags UNIX_COMMAND "${cflags}")
  separate_arguments(libs UNIX_COMMAND "${libs}")
  run(${CXX} -std=c++20 ${cflags} "${WORK}/readme_example.cpp" -o "${WORK}/readme_example_pc" ${libs})
  run_example("${WORK}/readme_example_pc")
  # The C example, as C99.
  run(${CC} -std=c99 -Wall -Wextra -Werror ${cflags} "${WORK}/readme_example.c" -o "${WORK}/readme_example_c" ${libs})
  run_example("${WORK}/readme_example_c"
              "Where is my order\\? \\(track-order\\): Open the <mark>tracking</mark> <mark>link</mark>")
elseif(MODE STREQUAL "python")
  # The installed module, found by the soname it was built for (no FAQSEARCH_LIBRARY), running
  # the README's Python example.
  extract_example("## Python" "python" "${WORK}/readme_example.py")
  set(ENV{PYTHONPATH} "${prefix}/lib/python3/dist-packages")
  set(ENV{PYTHONDONTWRITEBYTECODE} 1)
  unset(ENV{FAQSEARCH_LIBRARY})
  run_example("${PYTHON};${WORK}/readme_example.py"
              "Where is my order\\?: Open the <mark>tracking</mark> <mark>link</mark>.*Did you mean: tracking\n.*Nothing found: other_languages {'pl': 1}.*Suggestions: \\['tracking'\\].*Related: \\['track-late'.*Top search: refund\n")
elseif(MODE STREQUAL "php")
  # The installed PHP binding with the installed header, PHP's default FFI setting, and the
  # library found by its soname: the README's PHP example, its require pointed at the prefix.
  extract_example("## PHP" "php" "${WORK}/readme_example.php")
  file(READ "${WORK}/readme_example.php" example)
  string(REPLACE "/usr/share/faqsearch/php/" "${prefix}/share/faqsearch/php/" example "${example}")
  file(WRITE "${WORK}/readme_example.php" "${example}")
  unset(ENV{FAQSEARCH_LIBRARY})
  unset(ENV{FAQSEARCH_HEADER})
  run_example("${PHP};${WORK}/readme_example.php"
              "Where is my order\\?: Open the <mark>tracking</mark> <mark>link</mark>.*Did you mean: tracking\n.*Nothing found: other_languages {\"pl\":1}.*Suggestions: tracking\n.*Related: track-late.*Top search: refund\n.*refused: FAQSEARCH_INVALID_ARGUMENT")
elseif(MODE STREQUAL "exports")
  # The shared library exports the API only (lib/faqsearch.map): nothing of what it links in or
  # the standard library templates it instantiates, which would clash with a program's own.
  file(GLOB library "${prefix}/${LIBDIR}/libfaqsearch.so.*.*.*")
  run(nm -D --defined-only -C ${library})
  string(REPLACE "\n" ";" symbols "${out}")
  set(count 0)
  foreach(line IN LISTS symbols)
    string(REGEX REPLACE "^[0-9a-f]+ [A-Za-z] " "" name "${line}")
    if(name STREQUAL "")
      continue()
    endif()
    if(NOT name MATCHES "^(faqsearch_|faqsearch::|(typeinfo|typeinfo name|vtable|VTT) for faqsearch::)")
      message(FATAL_ERROR "libfaqsearch.so exports ${name}")
    endif()
    math(EXPR count "${count} + 1")
  endforeach()
  if(NOT out MATCHES " T faqsearch_searcher_search\n" OR NOT out MATCHES "typeinfo for faqsearch::IndexLocked")
    message(FATAL_ERROR "libfaqsearch.so does not export the API:\n${out}")
  endif()
  message(STATUS "${count} symbols exported, all of the API")
else()
  message(FATAL_ERROR "unknown MODE '${MODE}'")
endif()
