// Bad input: every case gives one clear diagnostic with the path and a documented code; the
// CLI keeps going over the other files and exits 2. Also the limits (report size, sentence
// size, encoding confidence) and a 50 MB one-line report.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <future>
#include <set>

#include "doc_test_util.h"
#include "indicheck/limits.h"

using namespace indicheck;
using doctest::corpus_path;
using doctest::read_ok;
using doctest::run;

namespace fs = std::filesystem;

namespace {

struct Failure {
  std::string line;  // the single error diagnostic, printed
  std::vector<Diagnostic> all;
};

Failure fail_bytes(const std::string& bytes, const std::string& encoding = "") {
  std::vector<Diagnostic> diagnostics;
  ReadOptions options;
  options.encoding = encoding;
  auto doc = read_document_bytes(bytes, "r.txt", options, diagnostics);
  CHECK_FALSE(doc.has_value());
  Failure f;
  f.all = diagnostics;
  std::size_t errors = 0;
  for (const auto& d : diagnostics)
    if (d.severity == Severity::kError) {
      f.line = d.str();
      ++errors;
    }
  CHECK(errors == 1);
  return f;
}

std::string code_of(const std::vector<Diagnostic>& ds) {
  for (const auto& d : ds)
    if (d.severity == Severity::kError) return d.code;
  return {};
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string name = (fs::temp_directory_path() / "indicheck-doc-XXXXXX").string();
    path = ::mkdtemp(name.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name, const std::string& bytes) const {
    const std::string p = (path / name).string();
    doctest::spit(p, bytes);
    return p;
  }
};

std::string joined_one_line(const std::string& name) {
  std::string s = doctest::slurp(corpus_path(name));
  std::string out;
  for (char c : s)
    if (c != '\n' && c != '\r') out += c;
  return out;
}

}  // namespace

TEST_CASE("missing file, directory") {
  std::vector<Diagnostic> d;
  CHECK_FALSE(read_document("/nonexistent/report.txt", {}, d).has_value());
  REQUIRE(d.size() == 1);
  CHECK(d[0].str() == "/nonexistent/report.txt: error[not-found]: no such file");
  d.clear();
  const std::string dir = std::string(INDICHECK_SOURCE_DIR) + "/corpus";
  CHECK_FALSE(read_document(dir, {}, d).has_value());
  REQUIRE(d.size() == 1);
  CHECK(d[0].str() == dir + ": error[is-directory]: is a directory, not a report file");
}

TEST_CASE("a FIFO is refused as not-a-file without blocking (issue 17, defect 5)") {
  TempDir tmp;
  const std::string fifo = (tmp.path / "report.txt").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto reading = std::async(std::launch::async, [&fifo] {
    std::vector<Diagnostic> d;
    const bool read = read_document(fifo, {}, d).has_value();
    return std::make_pair(read, d);
  });
  if (reading.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
    // The reader hangs in open(): become the writer so it returns and the test can end.
    const int w = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    if (w >= 0) ::close(w);
    FAIL("read_document blocked on a FIFO for 5 s");
  }
  const auto [read, d] = reading.get();
  CHECK_FALSE(read);
  REQUIRE(d.size() == 1);
  CHECK(d[0].str() == fifo +
                          ": error[not-a-file]: is not a regular file (a FIFO, socket or device), "
                          "not a report file");
  // The CLI goes on with the rest of the batch; `timeout` keeps a regression from hanging ctest.
  const std::string good = corpus_path("sip-2023.txt");
  const auto r = run("(timeout 20 " + std::string(INDICHECK_BINARY) + " parse " + fifo + " " +
                     good + " 2>" + (tmp.path / "err").string() + ")");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("unit        苏州工业园区") != std::string::npos);
  CHECK(doctest::slurp((tmp.path / "err").string()) ==
        fifo +
            ": error[not-a-file]: is not a regular file (a FIFO, socket or device), not a report "
            "file\n");
}

// Hidden ([.]): ctest runs it as its own test, document_permission, which is reported as
// skipped (SKIP_RETURN_CODE) when root has no setpriv to become nobody; here it fails instead.
TEST_CASE("permission denied really hits EACCES", "[.][setpriv]") {
  TempDir tmp;
  const std::string file = tmp.file("secret.txt", doctest::slurp(corpus_path("sip-2023.txt")));
  ::chmod(file.c_str(), 0600);
  ::chmod(tmp.path.c_str(), 0755);
  if (::geteuid() != 0) {
    ::chmod(file.c_str(), 0);
    std::vector<Diagnostic> d;
    CHECK_FALSE(read_document(file, {}, d).has_value());
    REQUIRE(d.size() == 1);
    CHECK(d[0].str() ==
          file + ": error[permission-denied]: permission denied (cannot read the file)");
    return;
  }
  // Root reads everything: run the binary as nobody instead.
  if (run("command -v setpriv").exit_code != 0)
    FAIL("setpriv is not installed (util-linux; scripts/install-deps.sh installs it)");
  // The build tree may sit under a directory nobody cannot enter (e.g. /root): run a copy of
  // the binary from the temporary directory, which nobody can reach.
  const auto binary = (tmp.path / "indicheck").string();
  std::filesystem::copy_file(INDICHECK_BINARY, binary);
  ::chmod(binary.c_str(), 0755);
  const auto r =
      run("setpriv --reuid=65534 --regid=65534 --clear-groups " + binary + " parse " + file);
  CHECK(r.exit_code == 2);
  CHECK(r.output ==
        file + ": error[permission-denied]: permission denied (cannot read the file)\n");
}

TEST_CASE("binary files are refused") {
  // Read by content (engine/formats): a zip without word/ parts is not a Word document.
  CHECK(fail_bytes(std::string("PK\x03\x04") + "rest of an xlsx").line ==
        "r.txt: error[binary]: this is not a report (an image, an archive or a zip that is not a "
        "Word document); "
        "give the report as text, HTML, .docx or PDF");
  CHECK(code_of(fail_bytes("%PDF-1.7\n...").all) == "pdf-broken");
  CHECK(code_of(fail_bytes("\x89PNG\r\n\x1a\n").all) == "binary");
  CHECK(code_of(fail_bytes(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10)).all) ==
        "legacy-word");
  CHECK(fail_bytes(std::string("报告\0\0\0正文", 15)).line ==
        "r.txt: error[binary]: file contains NUL bytes and no UTF-16/UTF-32 byte order mark; not a "
        "text file");
}

TEST_CASE("empty and whitespace-only files") {
  CHECK(fail_bytes("").line == "r.txt: error[empty]: file is empty or holds only whitespace");
  CHECK(code_of(fail_bytes(" \n\t\r\n\u3000\u3000\n").all) == "empty");
  CHECK(code_of(fail_bytes("\xEF\xBB\xBF").all) == "empty");
  CHECK(code_of(fail_bytes("\xFF\xFE").all) == "empty");
}

TEST_CASE("truncated UTF-8 and stray bytes become U+FFFD with one warning naming offsets") {
  std::string bytes = doctest::slurp(corpus_path("xinbei-2020.txt"));
  while (!bytes.empty() && static_cast<unsigned char>(bytes.back()) < 0x80) bytes.pop_back();
  bytes.pop_back();  // cut the last character in half
  std::vector<Diagnostic> d;
  auto doc = read_document_bytes(bytes, "cut.txt", {}, d);
  REQUIRE(doc.has_value());
  REQUIRE(d.size() == 1);
  CHECK(d[0].str() ==
        fmt::format("cut.txt: warning[invalid-bytes]: 1 invalid UTF-8 sequence replaced with "
                    "U+FFFD at byte offset {}",
                    bytes.size() - 2));
  CHECK(doc->warnings.size() == 1);
  CHECK(doc->original.substr(doc->original.size() - 3) == "\uFFFD");
  CHECK(doc->meta.unit.value == "常州市新北区");

  std::string stray = doctest::slurp(corpus_path("sip-2023.txt"));
  // Insert a stray byte before the character at each of these offsets (latest first).
  std::vector<std::size_t> at;
  for (std::size_t k : {700u, 600u, 500u, 400u, 300u, 200u, 100u}) {
    while ((static_cast<unsigned char>(stray[k]) & 0xC0) == 0x80) --k;
    stray.insert(k, 1, '\xFF');
    at.insert(at.begin(), k);
  }
  for (std::size_t i = 0; i < at.size(); ++i) at[i] += i;  // earlier insertions shift later ones
  d.clear();
  doc = read_document_bytes(stray, "stray.txt", {}, d);
  REQUIRE(doc.has_value());
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "invalid-bytes");
  CHECK(d[0].message ==
        fmt::format("7 invalid UTF-8 sequences replaced with U+FFFD at byte offsets {}, {}, {}, "
                    "{}, {} and 2 more",
                    at[0], at[1], at[2], at[3], at[4]));
}

TEST_CASE("wrong and unknown --encoding") {
  const std::string gb =
      doctest::encode(doctest::slurp(corpus_path("xiangcheng-2021.txt")), "GB18030");
  const Failure wrong = fail_bytes(gb, "Big5");
  CHECK(code_of(wrong.all) == "wrong-encoding");
  CHECK(wrong.line.rfind("r.txt: error[wrong-encoding]: --encoding Big5 does not fit this file: ",
                         0) == 0);
  CHECK(fail_bytes(gb, "NO-SUCH-ENCODING").line ==
        "r.txt: error[unknown-encoding]: 'NO-SUCH-ENCODING' is not an encoding ICU knows");
  // Forcing the right one works.
  CHECK(read_ok(gb, "r.txt", "GB18030").meta.unit.value == "苏州市相城区");
}

TEST_CASE("undetectable legacy bytes ask for --encoding (kMinEncodingConfidence)") {
  // A few high bytes: not UTF-8, and far too little text for a confident GB18030/Big5 guess.
  const Failure f = fail_bytes("\xB1\xA8\xB8\xE6 \xA1\xA3");
  CHECK(code_of(f.all) == "encoding-unknown");
  CHECK(f.line.find("give --encoding NAME") != std::string::npos);
}

TEST_CASE("too-large files are refused before reading (kMaxReportBytes)") {
  TempDir tmp;
  const std::string file = tmp.file("huge.txt", "");
  REQUIRE(::truncate(file.c_str(), static_cast<off_t>(limits::kMaxReportBytes + 1)) == 0);
  std::vector<Diagnostic> d;
  CHECK_FALSE(read_document(file, {}, d).has_value());
  REQUIRE(d.size() == 1);
  CHECK(d[0].code == "too-large");
}

TEST_CASE("a report on one line still gets its parts, sentence by sentence") {
  const Document doc = read_ok(joined_one_line("nanhu-2021.txt"), "nanhu-one-line.txt");
  // The line is split into paragraphs where sections open: they tile the line, and each one's
  // sentences lie in one section.
  CHECK(doc.paragraphs.size() > 1);
  for (std::size_t i = 0; i < doc.paragraphs.size(); ++i) {
    const Paragraph& p = doc.paragraphs[i];
    if (i > 0) CHECK(doc.paragraphs[i - 1].span.end <= p.span.begin);
    for (std::uint32_t k = p.first_sentence; k < p.first_sentence + p.sentence_count; ++k) {
      CHECK(doc.sentences[k].paragraph == i);
      CHECK(doc.sentences[k].section == doc.sentences[p.first_sentence].section);
    }
  }
  CHECK(doc.meta.year == 2021);
  CHECK(doc.meta.unit.value == "南湖区");
  auto role = [&](std::string_view needle) {
    const Sentence* s = doctest::sentence_with(doc, needle);
    REQUIRE(s != nullptr);
    return s->role;
  };
  CHECK(role("在市委、市政府的正确领导下") == Role::kPreamble);
  CHECK(role("召开区委全面依法治区委员会第三次会议") == Role::kAchievements);
  CHECK(role("但在工作中还存在一些问题和不足") == Role::kShortcomings);
  CHECK(role("行政执法监督工作有待加强") == Role::kShortcomings);
  CHECK(role("2022年,南湖区将坚持") == Role::kPlans);

  const Document tc = read_ok(joined_one_line("taicang-2024.txt"), "taicang-one-line.txt");
  CHECK(tc.meta.year == 2024);
  CHECK(tc.meta.unit.value == "太仓市");
  CHECK(tc.meta.published.value == "2025");  // "…特此报告。太倉市人民政府2025年 月 日…" in the line
  const Sentence* sig = doctest::sentence_with(tc, "特此报告");
  REQUIRE(sig != nullptr);
  CHECK(sig->role == Role::kSignature);
  const Sentence* gap = doctest::sentence_with(tc, "还存在一些薄弱环节和不足之处");
  REQUIRE(gap != nullptr);
  CHECK(gap->role == Role::kShortcomings);
  const Sentence* plan = doctest::sentence_with(tc, "规范法治建设第一责任人履职报告");
  REQUIRE(plan != nullptr);
  CHECK(plan->role == Role::kPlans);
}

TEST_CASE("a 50 MB single-line file: bounded sentences (kMaxSentenceBytes), all parts found") {
  const std::string one = joined_one_line("nanhu-2021.txt");
  // One huge line, and a stretch without any 。 so the sentence cap must cut it.
  std::string bytes;
  bytes.reserve(50u << 20);
  while (bytes.size() < (50u << 20)) {
    bytes += one;
    bytes += std::string(3000, 'x') + "法治政府,";
  }
  const Document doc = read_ok(bytes, "big.txt");
  CHECK(doc.paragraphs.size() > 1);  // split where sections open (one-line pages)
  CHECK(doc.sentences.size() > 100000);
  std::set<Role> roles;
  std::size_t longest = 0;
  for (const Sentence& s : doc.sentences) {
    longest = std::max<std::size_t>(longest, s.span.size());
    roles.insert(s.role);
  }
  CHECK(longest <= limits::kMaxSentenceBytes);
  CHECK(roles.count(Role::kAchievements) == 1);
  CHECK(roles.count(Role::kShortcomings) == 1);
  CHECK(roles.count(Role::kPlans) == 1);
}

TEST_CASE("parse: each bad file prints one line, the rest is still processed, exit 2") {
  TempDir tmp;
  const std::string empty = tmp.file("empty.txt", "");
  const std::string binary = tmp.file("x.pdf", "%PDF-1.4 ...");
  const std::string good = corpus_path("sip-2023.txt");
  const auto r =
      run("(" + std::string(INDICHECK_BINARY) + " parse /nonexistent.txt " + tmp.path.string() +
          " " + empty + " " + binary + " " + good + " 2>" + (tmp.path / "err").string() + ")");
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("unit        苏州工业园区") != std::string::npos);
  CHECK(doctest::slurp((tmp.path / "err").string()) ==
        "/nonexistent.txt: error[not-found]: no such file\n" + tmp.path.string() +
            ": error[is-directory]: is a directory, not a report file\n" + empty +
            ": error[empty]: file is empty or holds only whitespace\n" + binary +
            ": error[pdf-broken]: poppler cannot open this PDF (damaged or not a PDF)\n");
  CHECK(run(std::string(INDICHECK_BINARY) + " parse " + good).exit_code == 0);
  CHECK(run(std::string(INDICHECK_BINARY) + " parse --encoding NOPE " + good).exit_code == 2);
  CHECK(run(std::string(INDICHECK_BINARY) + " parse").exit_code == 2);
}

TEST_CASE("parse --json carries metadata, sections and sentences") {
  const auto r = run(std::string(INDICHECK_BINARY) + " parse --json " +
                     corpus_path("taicang-2024.txt") + " 2>/dev/null");
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("\"unit\": {") != std::string::npos);
  CHECK(r.output.find("\"value\": \"太仓市\"") != std::string::npos);
  CHECK(r.output.find("\"role\": \"boilerplate\"") != std::string::npos);
  CHECK(r.output.find("\"marker\": \"六、\"") != std::string::npos);
}
