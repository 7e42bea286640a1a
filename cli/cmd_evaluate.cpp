#include <iostream>

#include "commands.h"
#include "indicheck/diagnostic.h"

namespace indicheck::cli {

int run_evaluate(const Args&) {
  std::cerr << "indicheck: error[unimplemented]: not implemented yet\n";
  return kExitInternal;
}

}  // namespace indicheck::cli
