// The printer compiled once (the library symgrad::printer): units built with
// SYMGRAD_COMPILED_PRINTER see only its declaration in print.hpp.
#ifndef SYMGRAD_COMPILED_PRINTER
#error "src/printer.cpp is the compiled printer: build it with SYMGRAD_COMPILED_PRINTER defined"
#endif
#include "symgrad/print/render.hpp"
