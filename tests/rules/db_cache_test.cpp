// The compiled-database cache (engine/rules/src/db_cache.h): a second compile of the same rules
// reads the databases back and matches exactly as the first; a damaged entry or the cache off
// only means compiling; a changed pattern is a different key.
#include "db_cache.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>

#include "indicheck/matcher.h"
#include "test_util.h"

using namespace indicheck;
using rules_test::make_document;

namespace {

// Sets an environment variable for the scope of a test, then puts the old value back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_)
      setenv(name_, old_->c_str(), 1);
    else
      unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

namespace fs = std::filesystem;

std::vector<fs::path> entries(const std::string& dir) {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".db") out.push_back(e.path());
  return out;
}

// The states and quoted sentences of every item of every shipped framework on a document
// holding terms of many leaves.
std::vector<std::string> scan_all(const std::shared_ptr<const CompiledRules>& compiled) {
  const Document doc =
      make_document({{Role::kAchievements,
                      {"召开区委全面依法治区委员会第三次会议，研究部署法治政府建设。",
                       "全年办理行政复议案件56件，行政机关负责人出庭应诉率达100%。",
                       "制定《2023年法治政府建设工作要点》，开展普法宣传活动12场。",
                       "下放至镇街行政处罚事项46项，组织执法人员培训3期。"}}});
  Scanner scanner(compiled);
  std::vector<std::string> out;
  for (const Framework& fw : compiled->rules().frameworks)
    for (const ItemEvidence& item : scanner.scan(doc, fw).items) {
      std::string line = fmt::format("{} {} {}", fw.id, item.node, static_cast<int>(item.state));
      for (const auto& q : item.quotes) line += " | " + q.text;
      out.push_back(line);
    }
  return out;
}

std::shared_ptr<const CompiledRules> compile_shipped(RuleSet& rules) {
  std::vector<Diagnostic> diagnostics;
  rules = load_rules({std::string(INDICHECK_SOURCE_DIR) + "/rules"}, diagnostics);
  REQUIRE(!has_errors(diagnostics));
  auto compiled = CompiledRules::compile(rules, diagnostics);
  REQUIRE(compiled);
  return compiled;
}

}  // namespace

TEST_CASE("compiled databases: cached, read back, and matching as compiled", "[cache]") {
  rules_test::TempDir dir;
  const std::string cache = dir.path("cache");
  RuleSet rules;
  std::vector<std::string> uncached;
  {
    ScopedEnv off("INDICHECK_CACHE", "off");
    ScopedEnv where("INDICHECK_CACHE_DIR", cache);
    uncached = scan_all(compile_shipped(rules));
    CHECK(entries(cache).empty());  // off: nothing written
  }
  ScopedEnv where("INDICHECK_CACHE_DIR", cache);
  // First compile fills the cache (the main database, and the regex-only one if any).
  CHECK(scan_all(compile_shipped(rules)) == uncached);
  const auto written = entries(cache);
  REQUIRE(!written.empty());
  // Second compile reads them back: same entries, same matches.
  CHECK(scan_all(compile_shipped(rules)) == uncached);
  CHECK(entries(cache).size() == written.size());
  // A damaged entry is a miss: compiled again, and replaced by a good one.
  for (const auto& p : written) std::ofstream(p, std::ios::binary | std::ios::trunc) << "junk";
  CHECK(scan_all(compile_shipped(rules)) == uncached);
  for (const auto& p : entries(cache)) CHECK(fs::file_size(p) > 1000);
  CHECK(uncached.size() > 100);
}

TEST_CASE("compiled databases: the key covers every pattern, flag and id", "[cache]") {
  rules_internal::DatabaseRequest a;
  a.expressions = {"法治", "复议"};
  a.flags = {0, 0};
  a.ids = {0, 1};
  a.literals = true;
  auto b = a;
  CHECK(rules_internal::database_key(a) == rules_internal::database_key(b));
  CHECK(rules_internal::database_key(a).size() == 32);
  b.expressions[1] = "复议案件";
  CHECK(rules_internal::database_key(a) != rules_internal::database_key(b));
  b = a;
  b.ids = {1, 0};
  CHECK(rules_internal::database_key(a) != rules_internal::database_key(b));
  b = a;
  b.literals = false;
  CHECK(rules_internal::database_key(a) != rules_internal::database_key(b));
  // Field boundaries count: "法治" + "复议" is not "法" + "治复议".
  b = a;
  b.expressions = {"法", "治复议"};
  CHECK(rules_internal::database_key(a) != rules_internal::database_key(b));
}
