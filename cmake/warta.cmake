# warta_module(NAME DEPS dep... [LIBS lib...])
# Builds src/<NAME>/*.cc (minus *_test.cc) into the static library warta_<NAME>,
# and src/<NAME>/*_test.cc into the GoogleTest executable <NAME>_test.
set(WARTA_WARNINGS -Wall -Wextra -Werror -Wno-error=deprecated-declarations)
# GCC 12 at -O3 (CMAKE_BUILD_TYPE=Release) reports overlapping or huge
# copies inside libstdc++'s inlined std::string code that cannot happen
# (GCC bugs 105329, 105651): keep them visible, but not fatal.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND
   CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12)
  list(APPEND WARTA_WARNINGS -Wno-error=restrict -Wno-error=stringop-overflow
       -Wno-error=stringop-overread -Wno-error=array-bounds)
endif()

# clang checks the lock annotations (base/thread_annotations.h): the TSan
# pass of .ci/run and the fuzz build compile with clang, so a GUARDED_BY
# member touched without its mutex fails CI.
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  list(APPEND WARTA_WARNINGS -Wthread-safety)
endif()

function(warta_module name)
  cmake_parse_arguments(M "" "DIR" "DEPS;LIBS;TEST_LIBS" ${ARGN})
  if(NOT M_DIR)
    set(M_DIR ${CMAKE_CURRENT_SOURCE_DIR})
  endif()
  file(GLOB srcs CONFIGURE_DEPENDS ${M_DIR}/*.cc)
  file(GLOB tests CONFIGURE_DEPENDS ${M_DIR}/*_test.cc)
  if(tests)
    list(REMOVE_ITEM srcs ${tests})
  endif()
  set(deps)
  foreach(d IN LISTS M_DEPS)
    list(APPEND deps warta_${d})
  endforeach()
  add_library(warta_${name} STATIC ${srcs})
  target_include_directories(warta_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(warta_${name} PRIVATE ${WARTA_WARNINGS})
  target_link_libraries(warta_${name} PUBLIC ${deps} ${M_LIBS})
  if(BUILD_TESTING AND tests)
    add_executable(${name}_test ${tests})
    target_compile_options(${name}_test PRIVATE ${WARTA_WARNINGS})
    target_link_libraries(${name}_test PRIVATE warta_${name} ${M_TEST_LIBS}
                          GTest::gtest GTest::gmock GTest::gtest_main)
    target_compile_definitions(${name}_test PRIVATE
      WARTA_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    gtest_discover_tests(${name}_test
      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
      PROPERTIES LABELS unit
      DISCOVERY_TIMEOUT 60)
  endif()
endfunction()
