# gongkai_module(NAME DEPS <libs...> TEST_DEPS <libs...>)
#
# Builds src/NAME/*.cpp (minus *_test.cpp) into the static library gongkai_NAME and,
# when the directory holds *_test.cpp files, the test binary NAME_tests registered with
# CTest. Globbing keeps each module's files its own business: adding a file needs no
# edit elsewhere.
include(GoogleTest)

function(gongkai_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  # GCC 12 at -O2 and above reports -Wrestrict false positives inside libstdc++'s own
  # std::string code (operator+ and insert/replace inlined into ours: GCC bugs 105329,
  # 105651, fixed in GCC 13), e.g. "'void* __builtin_memcpy(...)' accessing ... overlaps".
  # Nothing in our code can address them, and -Werror turns them into build failures of the
  # Release build, so the warning is off for that compiler in optimised builds only (the
  # Debug and sanitizer builds keep it).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
     AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE
      $<$<CONFIG:Release,RelWithDebInfo,MinSizeRel>:-Wno-restrict>)
  endif()
  if(GONGKAI_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

function(gongkai_module name)
  cmake_parse_arguments(M "" "" "DEPS;TEST_DEPS" ${ARGN})
  file(GLOB all_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cpp)
  set(sources ${all_sources})
  set(tests ${all_sources})
  list(FILTER sources EXCLUDE REGEX "_test\\.cpp$")
  list(FILTER tests INCLUDE REGEX "_test\\.cpp$")
  add_library(gongkai_${name} STATIC ${sources})
  target_include_directories(gongkai_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(gongkai_${name} PUBLIC ${M_DEPS})
  gongkai_warnings(gongkai_${name})
  if(tests AND GONGKAI_BUILD_TESTS)
    add_executable(${name}_tests ${tests})
    target_link_libraries(${name}_tests PRIVATE gongkai_${name} ${M_TEST_DEPS} GTest::gmock_main)
    target_compile_definitions(${name}_tests PRIVATE
      GONGKAI_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    gongkai_warnings(${name}_tests)
    gtest_discover_tests(${name}_tests DISCOVERY_MODE PRE_TEST
      WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  endif()
endfunction()
