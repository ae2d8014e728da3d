# hotline_test(NAME name LABEL unit|integration|e2e SOURCES ... LIBS ...)
# One Catch2 binary per call; each TEST_CASE becomes a ctest test carrying the label.
# Integration and e2e tests need the local suite (PostgreSQL, Redis, services) that the
# `suite` fixture starts once per ctest run through deploy/local/suite.
function(hotline_test)
  cmake_parse_arguments(T "" "NAME;LABEL" "SOURCES;LIBS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE hotline_catch_main ${T_LIBS})
  set(props LABELS ${T_LABEL})
  if(NOT T_LABEL STREQUAL "unit")
    list(APPEND props FIXTURES_REQUIRED suite
      ENVIRONMENT "HOTLINE_TEST_ENV=${HOTLINE_TEST_SUITE_DIR}/endpoints.env")
  endif()
  # --warn NoTests: a test name the filter cannot match (e.g. one with a ';', which ctest splits)
  # must fail rather than pass having run nothing.
  catch_discover_tests(${T_NAME} TEST_PREFIX "${T_LABEL}:" EXTRA_ARGS --warn NoTests
    PROPERTIES ${props})
endfunction()
