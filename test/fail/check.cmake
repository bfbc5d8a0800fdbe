# One compile-fail test: CASE of test/fail/cases.cpp must compile as it is, and fail with
# SYMGRAD_KO giving exactly one distinct symgrad diagnostic, whose message contains MESSAGE and
# whose diagnostic template (named in the same error, with the operation and shapes or names as
# its arguments) matches TEMPLATE.
# Arguments: SOURCE, CASE, MESSAGE, TEMPLATE, COMPILE (compiler and flags joined by '|'), and
# optionally TEXT (names and shapes the diagnostic shows, '|'-separated) and MAX_CHARS.
string(REPLACE "|" ";" compile "${COMPILE}")

execute_process(COMMAND ${compile} -fsyntax-only -DCASE_${CASE} "${SOURCE}"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the ok twin of ${CASE} does not compile:\n${out}")
endif()

execute_process(COMMAND ${compile} -fsyntax-only -DCASE_${CASE} -DSYMGRAD_KO "${SOURCE}"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(status EQUAL 0)
  message(FATAL_ERROR "${CASE} with SYMGRAD_KO compiles, but it must not")
endif()
include(${CMAKE_CURRENT_LIST_DIR}/../../cmake/SymgradDiagnostics.cmake)
symgrad_diagnostics("${out}" messages)
string(REPLACE ";" "<semicolon>" out "${out}")
list(LENGTH messages count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "${CASE}: expected one symgrad diagnostic, got ${count}:\n${out}")
endif()
string(REPLACE "<semicolon>" ";" messages "${messages}")
string(FIND "${messages}" "${MESSAGE}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${CASE}: the diagnostic does not say \"${MESSAGE}\":\n${messages}")
endif()
if(NOT out MATCHES "${TEMPLATE}")
  message(FATAL_ERROR "${CASE}: the diagnostic's template does not match \"${TEMPLATE}\":\n${out}")
endif()
# Names and shapes as text: g++ prints a string template argument as "w: n x 1", clang 14
# as its characters, 'w', ':', ' ', ...
string(REPLACE "|" ";" texts "${TEXT}")
list(GET compile 0 compiler)
foreach(text IN LISTS texts)
  if(compiler MATCHES "clang")
    string(LENGTH "${text}" length)
    math(EXPR last "${length} - 1")
    set(spelled "")
    foreach(i RANGE ${last})
      string(SUBSTRING "${text}" ${i} 1 c)
      list(APPEND spelled "'${c}'")
    endforeach()
    list(JOIN spelled ", " spelled)
    set(spelled "<${spelled}>")
  else()
    set(spelled "{\"${text}\"}")
  endif()
  string(FIND "${out}" "${spelled}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${CASE}: the diagnostic does not show ${spelled}:\n${out}")
  endif()
endforeach()
string(LENGTH "${out}" chars)
if(MAX_CHARS AND chars GREATER MAX_CHARS)
  message(FATAL_ERROR "${CASE}: the compiler's report is ${chars} characters, more than ${MAX_CHARS}:\n${out}")
endif()
# Every other error must be the same mistake reported again, not a cascade: no more errors
# than lines of that diagnostic.
string(REGEX MATCHALL "error: " errors "${out}")
list(LENGTH errors error_count)
if(error_count GREATER 2)
  message(FATAL_ERROR "${CASE}: ${error_count} errors for one mistake:\n${out}")
endif()
message(STATUS "${CASE}: ${messages}")
