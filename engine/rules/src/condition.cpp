#include "condition.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace indicheck::rules_internal {

namespace {

enum class Tok { kName, kNumber, kAnd, kOr, kNot, kOf, kLParen, kRParen, kComma, kEnd };

struct Token {
  Tok kind = Tok::kEnd;
  std::string_view text;
  std::size_t offset = 0;
};

bool is_name_char(unsigned char c) {
  return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c >= 0x80;
}

// Operator stack entries.
struct Frame {
  enum Kind { kParen, kOf, kAnd, kOr, kNot } kind;
  std::uint32_t n = 0;     // kOf: required count
  std::uint32_t args = 0;  // kOf: operands seen so far
  std::size_t offset = 0;
};

int precedence(Frame::Kind k) {
  return k == Frame::kNot ? 3 : k == Frame::kAnd ? 2 : 1;
}

ConditionOp to_op(const Frame& f) {
  ConditionOp op;
  op.kind = f.kind == Frame::kAnd  ? ConditionOp::kAnd
            : f.kind == Frame::kOr ? ConditionOp::kOr
                                   : ConditionOp::kNot;
  return op;
}

}  // namespace

bool parse_condition(std::string_view text, const std::vector<std::string>& names,
                     std::vector<ConditionOp>& out, ConditionError& error) {
  // Tokenize.
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    Token t;
    t.offset = i;
    if (c == '(')
      t.kind = Tok::kLParen, ++i;
    else if (c == ')')
      t.kind = Tok::kRParen, ++i;
    else if (c == ',')
      t.kind = Tok::kComma, ++i;
    else if (is_name_char(c)) {
      std::size_t j = i;
      while (j < text.size() && is_name_char(static_cast<unsigned char>(text[j]))) ++j;
      t.text = text.substr(i, j - i);
      i = j;
      const bool digits =
          std::all_of(t.text.begin(), t.text.end(), [](char d) { return d >= '0' && d <= '9'; });
      t.kind = digits            ? Tok::kNumber
               : t.text == "and" ? Tok::kAnd
               : t.text == "or"  ? Tok::kOr
               : t.text == "not" ? Tok::kNot
               : t.text == "of"  ? Tok::kOf
                                 : Tok::kName;
    } else {
      error = {i, fmt::format("unexpected character '{}'", text[i]), {}};
      return false;
    }
    tokens.push_back(t);
  }
  tokens.push_back(Token{Tok::kEnd, {}, text.size()});

  out.clear();
  std::vector<Frame> ops;
  bool expect_operand = true;
  const auto fail = [&](std::size_t offset, std::string message) {
    error = {offset, std::move(message), {}};
    return false;
  };
  const auto pop_binary_and_not = [&](int min_prec) {
    while (!ops.empty() && ops.back().kind != Frame::kParen && ops.back().kind != Frame::kOf &&
           precedence(ops.back().kind) >= min_prec) {
      out.push_back(to_op(ops.back()));
      ops.pop_back();
    }
  };
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    switch (t.kind) {
      case Tok::kName: {
        if (!expect_operand)
          return fail(t.offset, fmt::format("expected an operator before '{}'", t.text));
        const auto it = std::find(names.begin(), names.end(), t.text);
        if (it == names.end()) {
          error = {t.offset, fmt::format("unknown selection '{}'", t.text), std::string(t.text)};
          return false;
        }
        ConditionOp op;
        op.kind = ConditionOp::kSelection;
        op.operand = static_cast<std::uint32_t>(it - names.begin());
        out.push_back(op);
        expect_operand = false;
        break;
      }
      case Tok::kNumber: {
        if (!expect_operand)
          return fail(t.offset, fmt::format("expected an operator before '{}'", t.text));
        if (tokens[k + 1].kind != Tok::kOf || tokens[k + 2].kind != Tok::kLParen)
          return fail(t.offset, "a number must be followed by 'of ('");
        std::uint32_t n = 0;
        for (char d : t.text) {
          if (n > 100000) return fail(t.offset, "number too large");
          n = n * 10 + static_cast<std::uint32_t>(d - '0');
        }
        ops.push_back(Frame{Frame::kOf, n, 1, t.offset});
        k += 2;
        expect_operand = true;
        break;
      }
      case Tok::kNot:
        if (!expect_operand) return fail(t.offset, "expected an operator before 'not'");
        ops.push_back(Frame{Frame::kNot, 0, 0, t.offset});
        break;
      case Tok::kAnd:
      case Tok::kOr: {
        if (expect_operand)
          return fail(t.offset, fmt::format("expected a selection before '{}'", t.text));
        const Frame::Kind kind = t.kind == Tok::kAnd ? Frame::kAnd : Frame::kOr;
        pop_binary_and_not(precedence(kind));
        ops.push_back(Frame{kind, 0, 0, t.offset});
        expect_operand = true;
        break;
      }
      case Tok::kOf:
        return fail(t.offset, "'of' must follow a number, as in '2 of (a, b, c)'");
      case Tok::kLParen:
        if (!expect_operand) return fail(t.offset, "expected an operator before '('");
        ops.push_back(Frame{Frame::kParen, 0, 0, t.offset});
        break;
      case Tok::kComma:
        if (expect_operand) return fail(t.offset, "expected a selection before ','");
        pop_binary_and_not(0);
        if (ops.empty() || ops.back().kind != Frame::kOf)
          return fail(t.offset, "',' is only allowed inside 'N of (...)'");
        ++ops.back().args;
        expect_operand = true;
        break;
      case Tok::kRParen: {
        if (expect_operand) return fail(t.offset, "expected a selection before ')'");
        pop_binary_and_not(0);
        if (ops.empty()) return fail(t.offset, "unbalanced ')'");
        const Frame f = ops.back();
        ops.pop_back();
        if (f.kind == Frame::kOf) {
          if (f.n == 0 || f.n > f.args)
            return fail(f.offset,
                        fmt::format("'{} of' needs between 1 and {} (the number of operands)", f.n,
                                    f.args));
          ConditionOp op;
          op.kind = ConditionOp::kAtLeast;
          op.operand = f.n;
          op.arity = f.args;
          out.push_back(op);
        }
        expect_operand = false;
        break;
      }
      case Tok::kEnd:
        if (expect_operand)
          return fail(t.offset, out.empty() && ops.empty()
                                    ? "empty condition"
                                    : "condition ends where a selection is expected");
        pop_binary_and_not(0);
        if (!ops.empty()) return fail(ops.back().offset, "unbalanced '('");
        break;
    }
  }
  return true;
}

std::vector<ConditionOp> any_condition(std::size_t selection_count) {
  std::vector<ConditionOp> ops;
  for (std::size_t i = 0; i < selection_count; ++i) {
    ConditionOp op;
    op.kind = ConditionOp::kSelection;
    op.operand = static_cast<std::uint32_t>(i);
    ops.push_back(op);
    if (i > 0) {
      ConditionOp o;
      o.kind = ConditionOp::kOr;
      ops.push_back(o);
    }
  }
  return ops;
}

bool evaluate_condition(const std::vector<ConditionOp>& ops, const std::vector<char>& present) {
  // The value stack never holds more than ops.size() values; conditions are short, so it
  // lives on the C++ stack (this runs once per window of every leaf: no allocation).
  constexpr std::size_t kInline = 64;
  char inline_stack[kInline];
  std::vector<char> heap_stack;
  char* stack = inline_stack;
  if (ops.size() > kInline) {
    heap_stack.resize(ops.size());
    stack = heap_stack.data();
  }
  std::size_t top = 0;  // number of values on the stack
  for (const auto& op : ops) {
    switch (op.kind) {
      case ConditionOp::kSelection:
        stack[top++] = op.operand < present.size() && present[op.operand];
        break;
      case ConditionOp::kNot:
        stack[top - 1] = !stack[top - 1];
        break;
      case ConditionOp::kAnd:
      case ConditionOp::kOr: {
        const char b = stack[--top];
        stack[top - 1] =
            op.kind == ConditionOp::kAnd ? (stack[top - 1] && b) : (stack[top - 1] || b);
        break;
      }
      case ConditionOp::kAtLeast: {
        std::uint32_t count = 0;
        for (std::uint32_t k = 0; k < op.arity; ++k) count += stack[--top] ? 1u : 0u;
        stack[top++] = count >= op.operand;
        break;
      }
    }
  }
  return top != 0 && stack[top - 1];
}

}  // namespace indicheck::rules_internal
