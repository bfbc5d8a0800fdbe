# Runs PROGRAM and fails unless its standard output equals the file EXPECTED: a page in
# docs/ that quotes a program's output stays in step with it (scripts/update-docs.sh
# rewrites the pages).
execute_process(COMMAND ${PROGRAM} OUTPUT_VARIABLE actual RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} failed with status ${status}")
endif()
file(READ ${EXPECTED} expected)
if(NOT actual STREQUAL expected)
  file(WRITE ${ACTUAL} "${actual}")
  message(FATAL_ERROR "${EXPECTED} is not the output of ${PROGRAM} (that output is in ${ACTUAL}); "
                      "run scripts/update-docs.sh and review the difference")
endif()
