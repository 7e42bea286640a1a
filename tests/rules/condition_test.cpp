// The condition language: parse to postfix, evaluate over "selection present" flags.
#include "condition.h"

#include <catch2/catch.hpp>

using indicheck::ConditionOp;
using namespace indicheck::rules_internal;

namespace {

const std::vector<std::string> kNames = {"a", "b", "c", "d"};

// Truth of `condition` for every assignment of a..d, as a 16-bit mask.
unsigned truth_table(const std::string& condition) {
  std::vector<ConditionOp> ops;
  ConditionError error;
  REQUIRE(parse_condition(condition, kNames, ops, error));
  unsigned mask = 0;
  for (unsigned bits = 0; bits < 16; ++bits) {
    std::vector<char> present{static_cast<char>(bits & 1), static_cast<char>((bits >> 1) & 1),
                              static_cast<char>((bits >> 2) & 1),
                              static_cast<char>((bits >> 3) & 1)};
    if (evaluate_condition(ops, present)) mask |= 1u << bits;
  }
  return mask;
}

unsigned reference(bool (*f)(bool, bool, bool, bool)) {
  unsigned mask = 0;
  for (unsigned bits = 0; bits < 16; ++bits)
    if (f(bits & 1, (bits >> 1) & 1, (bits >> 2) & 1, (bits >> 3) & 1)) mask |= 1u << bits;
  return mask;
}

std::string error_of(const std::string& condition) {
  std::vector<ConditionOp> ops;
  ConditionError error;
  if (parse_condition(condition, kNames, ops, error)) return "ok";
  return std::to_string(error.offset) + ": " + error.message;
}

}  // namespace

TEST_CASE("precedence: not > and > or, left to right", "[condition]") {
  CHECK(truth_table("a or b and c") ==
        reference([](bool a, bool b, bool c, bool) { return a || (b && c); }));
  CHECK(truth_table("not a and b") ==
        reference([](bool a, bool b, bool, bool) { return !a && b; }));
  CHECK(truth_table("(a or b) and not c") ==
        reference([](bool a, bool b, bool c, bool) { return (a || b) && !c; }));
  CHECK(truth_table("not not a") == reference([](bool a, bool, bool, bool) { return a; }));
  CHECK(truth_table("a and b or c and d") ==
        reference([](bool a, bool b, bool c, bool d) { return (a && b) || (c && d); }));
}

TEST_CASE("N of (...) counts true operands, which may be expressions", "[condition]") {
  CHECK(truth_table("2 of (a, b, c)") ==
        reference([](bool a, bool b, bool c, bool) { return int(a) + int(b) + int(c) >= 2; }));
  CHECK(truth_table("d or 2 of (a, b, c)") == reference([](bool a, bool b, bool c, bool d) {
          return d || int(a) + int(b) + int(c) >= 2;
        }));
  CHECK(truth_table("1 of (a and b, not c)") ==
        reference([](bool a, bool b, bool c, bool) { return (a && b) || !c; }));
  CHECK(truth_table("2 of (a, 1 of (b, c), d)") == reference([](bool a, bool b, bool c, bool d) {
          return int(a) + int(b || c) + int(d) >= 2;
        }));
}

TEST_CASE("syntax errors give the offset of the offending token", "[condition]") {
  CHECK(error_of("") == "0: empty condition");
  CHECK(error_of("a and") == "5: condition ends where a selection is expected");
  CHECK(error_of("a b") == "2: expected an operator before 'b'");
  CHECK(error_of("(a or b") == "0: unbalanced '('");
  CHECK(error_of("a or b)") == "6: unbalanced ')'");
  CHECK(error_of("a, b") == "1: ',' is only allowed inside 'N of (...)'");
  CHECK(error_of("2 (a, b)") == "0: a number must be followed by 'of ('");
  CHECK(error_of("0 of (a, b)") == "0: '0 of' needs between 1 and 2 (the number of operands)");
  CHECK(error_of("a of b") == "2: 'of' must follow a number, as in '2 of (a, b, c)'");
  CHECK(error_of("a & b") == "2: unexpected character '&'");
  CHECK(error_of("e") == "0: unknown selection 'e'");
}

TEST_CASE("deep parentheses parse without recursion", "[condition][limits]") {
  std::string deep(20000, '(');
  deep += "a";
  deep += std::string(20000, ')');
  CHECK(truth_table(deep) == reference([](bool a, bool, bool, bool) { return a; }));
  std::string nots;
  for (int i = 0; i < 10001; ++i) nots += "not ";
  CHECK(truth_table(nots + "a") == reference([](bool a, bool, bool, bool) { return !a; }));
}
