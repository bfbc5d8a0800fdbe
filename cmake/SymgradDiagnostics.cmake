# The distinct symgrad diagnostics in a compiler's output, as a list (each message's ';' as
# <semicolon>, CMake's list separator). Used by the compile-fail tests (test/fail/check.cmake)
# and by the quoted diagnostics of the documentation (docs/generate.cmake).
# g++:   error: static assertion failed: symgrad: ...
# clang: error: static_assert failed due to requirement '...' "symgrad: ..."
function(symgrad_diagnostics output out)
  string(REPLACE ";" "<semicolon>" text "${output}")
  string(REGEX MATCHALL "error: static[ _]ass[^\n]*symgrad: [^\n]*" lines "${text}")
  set(messages "")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE ".*(symgrad: )" "\\1" line "${line}")
    string(REGEX REPLACE "\"$" "" line "${line}")
    list(APPEND messages "${line}")
  endforeach()
  list(REMOVE_DUPLICATES messages)
  set(${out} "${messages}" PARENT_SCOPE)
endfunction()
