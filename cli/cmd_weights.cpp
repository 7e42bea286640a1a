#include <iostream>

#include "commands.h"
#include "indicheck/diagnostic.h"

namespace indicheck::cli {

int run_weights(const Args&) {
  std::cerr << "indicheck: error[unimplemented]: not implemented yet\n";
  return kExitInternal;
}

int run_sensitivity(const Args&) {
  std::cerr << "indicheck: error[unimplemented]: not implemented yet\n";
  return kExitInternal;
}

}  // namespace indicheck::cli
