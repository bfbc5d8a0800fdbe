# Finds ADOL-C (Debian: libadolc-dev) for symgrad's own tests and benchmarks; not installed.
# Defines the target ADOLC::ADOLC (headers as SYSTEM: they are not warning-clean under
# -Wall -Wextra -Wpedantic) and ADOLC_VERSION.
#
# ADOL-C ships a pkg-config file, but on Debian 12 its Libs add -lboost_system, whose
# development package libadolc-dev does not pull in (and libadolc.so does not need): so the
# library and header are looked up directly, pkg-config serving only as a hint and for the
# version.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(PC_ADOLC QUIET adolc)
endif()
find_path(ADOLC_INCLUDE_DIR adolc/adolc.h HINTS ${PC_ADOLC_INCLUDEDIR} ${PC_ADOLC_INCLUDE_DIRS})
find_library(ADOLC_LIBRARY adolc HINTS ${PC_ADOLC_LIBDIR} ${PC_ADOLC_LIBRARY_DIRS})
set(ADOLC_VERSION "${PC_ADOLC_VERSION}")
if(NOT ADOLC_VERSION)
  set(ADOLC_VERSION "unknown")
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(ADOLC
  REQUIRED_VARS ADOLC_LIBRARY ADOLC_INCLUDE_DIR
  REASON_FAILURE_MESSAGE "on Debian: apt-get install libadolc-dev, or set ADOLC_INCLUDE_DIR and ADOLC_LIBRARY")

if(ADOLC_FOUND AND NOT TARGET ADOLC::ADOLC)
  add_library(ADOLC::ADOLC INTERFACE IMPORTED)
  target_include_directories(ADOLC::ADOLC SYSTEM INTERFACE ${ADOLC_INCLUDE_DIR})
  target_link_libraries(ADOLC::ADOLC INTERFACE ${ADOLC_LIBRARY})
endif()
