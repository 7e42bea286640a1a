#include <catch2/catch.hpp>

#include "indicheck/diagnostic.h"

using namespace indicheck;

TEST_CASE("diagnostic prints path:line:col: error[code]: message") {
  CHECK(make_error("rules/a.yaml", "unknown-key", "unknown key 'wieght'", 3, 5).str() ==
        "rules/a.yaml:3:5: error[unknown-key]: unknown key 'wieght'");
  CHECK(make_warning("r.txt", "invalid-bytes", "2 bytes replaced").str() ==
        "r.txt: warning[invalid-bytes]: 2 bytes replaced");
  CHECK(make_error("", "usage", "no input").str() == "error[usage]: no input");
  CHECK(make_error("a", "x", "y", 7).str() == "a:7: error[x]: y");
}

TEST_CASE("has_errors ignores warnings") {
  CHECK_FALSE(has_errors({make_warning("a", "w", "m")}));
  CHECK(has_errors({make_warning("a", "w", "m"), make_error("b", "e", "m")}));
}
