# Builds and runs the consumer in WORK_DIR. MODE=install installs the configured symgrad
# build BINARY_DIR into a prefix and finds it there; MODE=subdirectory adds SOURCE_DIR.
file(REMOVE_RECURSE "${WORK_DIR}")

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${what} failed (${status}):\n${out}\n${err}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

if(MODE STREQUAL "install")
  run("install" ${CMAKE_COMMAND} --install "${BINARY_DIR}" --prefix "${WORK_DIR}/prefix")
  set(locate "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix")
else()
  set(locate "-DSYMGRAD_SOURCE_DIR=${SOURCE_DIR}")
endif()

run("configure" ${CMAKE_COMMAND} -S "${SOURCE_DIR}/test/package" -B "${WORK_DIR}/build"
    -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_COMPILER=${CXX}" ${locate})
run("build" ${CMAKE_COMMAND} --build "${WORK_DIR}/build")
foreach(consumer consumer consumer_printer)
  run("${consumer}" "${WORK_DIR}/build/${consumer}")
  if(NOT output MATCHES "= 2 \\(1 \\+ x\\) ok")
    message(FATAL_ERROR "unexpected ${consumer} output: ${output}")
  endif()
  message(STATUS "${consumer}: ${output}")
endforeach()
