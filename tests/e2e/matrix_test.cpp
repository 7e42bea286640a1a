// The bad-input matrix of docs/reliability.md, run row by row: the table is the test's data, so
// the documented message and exit code of every bad input are the ones the binary gives.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "e2e_util.h"

using namespace e2e;

namespace {

const fs::path kSource = INDICHECK_SOURCE_DIR;

struct Row {
  std::string id, command, message;
  int exit_code = -1;
};

// The text between the first pair of backticks of `cell` (the cell itself when it has none).
std::string unquote(const std::string& cell) {
  const std::size_t open = cell.find('`');
  const std::size_t close = open == std::string::npos ? open : cell.rfind('`');
  if (open == std::string::npos || close == open) {
    std::string s = cell;
    while (!s.empty() && s.front() == ' ') s.erase(0, 1);
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
  }
  return cell.substr(open + 1, close - open - 1);
}

// Rows of the table under "## The bad-input matrix": | id | input | command | message | exit |
std::vector<Row> matrix_rows() {
  std::ifstream in(kSource / "docs/reliability.md");
  std::vector<Row> rows;
  bool in_section = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("## ", 0) == 0) in_section = line == "## The bad-input matrix";
    if (!in_section || line.rfind("| `", 0) != 0) continue;
    std::vector<std::string> cells;
    std::size_t start = 1;
    for (std::size_t bar; (bar = line.find(" | ", start)) != std::string::npos; start = bar + 3)
      cells.push_back(line.substr(start, bar - start));
    cells.push_back(line.substr(start, line.rfind('|') - start));
    if (cells.size() != 5) FAIL("a matrix row without 5 cells: " << line);
    rows.push_back(
        {unquote(cells[0]), unquote(cells[2]), unquote(cells[3]), std::stoi(unquote(cells[4]))});
  }
  return rows;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size())
    s.replace(at, from.size(), to);
}

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// The fixtures the table's header paragraph lists.
void make_fixtures(const fs::path& dir) {
  REQUIRE(::mkfifo((dir / "fifo.txt").c_str(), 0600) == 0);
  REQUIRE(::mkfifo((dir / "fifo.yaml").c_str(), 0600) == 0);
  write(dir / "empty.txt", "");
  write(dir / "image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  fs::create_directories(dir / "folder");
  fs::copy_file(kSource / "corpus/sip-2023.txt", dir / "folder/a.txt");
  fs::create_symlink("loop.txt", dir / "loop.txt");
  const std::string head = "framework:\n  id: t\n  title: x\n  kind: supplement\nnodes:\n";
  write(dir / "huge-term.yaml", head +
                                    "  - id: \"1\"\n    title: x\n    check:\n      terms: {a: [" +
                                    std::string(3000000, 'a') + "]}\n");
  write(dir / "overflow.yaml",
        head +
            "  - id: \"1\"\n    title: 一\n    children:\n"
            "      - {id: \"1.1\", title: 二, weight: 1e308, check: {terms: {a: [x]}}}\n"
            "      - {id: \"1.2\", title: 三, weight: 1e308, check: {terms: {a: [y]}}}\n");
  write(dir / "include-dir.yaml",
        "framework:\n  id: t\n  title: x\n  kind: supplement\ninclude: [folder]\nnodes:\n"
        "  - {id: \"1\", title: x, check: {terms: {a: [x]}}}\n");
  write(dir / "mine/notes.txt", "keep me");
  write(dir / "file", "a plain file");
}

}  // namespace

TEST_CASE("every row of the bad-input matrix in docs/reliability.md holds", "[e2e][matrix]") {
  const std::vector<Row> rows = matrix_rows();
  REQUIRE(rows.size() >= 15);
  const fs::path dir = fresh_dir("matrix");
  make_fixtures(dir);
  for (const Row& row : rows) {
    std::string command = row.command, message = row.message;
    for (std::string* s : {&command, &message}) {
      replace_all(*s, "{indicheck}", INDICHECK_BINARY);
      replace_all(*s, "{dir}", dir.string());
      replace_all(*s, "{rules}", (kSource / "rules").string());
      replace_all(*s, "{corpus}", (kSource / "corpus").string());
    }
    // A FIFO that blocked would hang the test: every command has 60 s.
    const Run r = run("cd " + quote_arg(dir.string()) + " && env -u CI timeout 60 " + command);
    INFO("row " << row.id << ": " << command << "\n" << r.out);
    CHECK(r.status == row.exit_code);
    CHECK(r.out.find(message) != std::string::npos);
    CHECK(r.out.find("terminate called") == std::string::npos);
  }
  CHECK(slurp(dir / "mine/notes.txt") == "keep me");
  fs::remove_all(dir);
}
