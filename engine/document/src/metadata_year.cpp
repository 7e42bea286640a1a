// Metadata: the year a report reports on (title, preamble, the plans' heading or opening, the
// body's most named year, the publication date). See metadata.cpp for the rest.
#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "indicheck/calendar.h"
#include "internal.h"
#include "metadata_internal.h"
#include "part_signals.h"

namespace indicheck::detail {

using namespace meta;

namespace {

// A line opening with a year: "2023年，…".
const RE2& opening_year() {
  static const RE2 re(R"(^(\d{4})\s*年)");
  return re;
}

bool plausible_year(int y) {
  return y >= 1990 && y <= 2100;
}

// 3. A plans heading or opener naming the next year: "二、2023年工作计划", "2024年工作打算".
bool year_from_plans_heading(Document& doc,
                             const std::vector<std::pair<std::uint32_t, std::string_view>>& lines) {
  static const RE2 re(
      R"((?:^|[、.)\s])(\d{4})\s*年(?:度)?\s*(?:的)?\s*(?:重点)?\s*(?:工作)?\s*(?:计划|打算|安排|思路|要点|工作计划|主要安排))");
  // "二、下一步工作计划" / "2024年，我局将…": the year that opens the plans part.
  bool under_plans_heading = false;
  for (const auto& [offset, line] : lines) {
    int y = 0;
    if (under_plans_heading && RE2::PartialMatch(sp(line), opening_year(), &y) &&
        plausible_year(y - 1)) {
      doc.meta.year = y - 1;
      doc.meta.year_found =
          at_text(doc, std::string(line.substr(0, line.find("年") + 3)), offset, "plans-heading");
      return true;
    }
    if (line.size() > 150) {
      under_plans_heading = false;
      continue;
    }
    if (RE2::PartialMatch(sp(line), re, &y) && plausible_year(y - 1)) {
      doc.meta.year = y - 1;
      doc.meta.year_found = at_text(doc, std::string(line), offset, "plans-heading");
      return true;
    }
    under_plans_heading = !contains(line, "。") && heading_signal(line, 0) == Role::kPlans;
  }
  return false;
}

// 3b. The achievements part's heading naming its year: "一、2022年法治政府建设主要举措和成效",
// "一、2023年度工作开展情况" (a heading: short, no full stop).
bool year_from_achievements_heading(
    Document& doc, const std::vector<std::pair<std::uint32_t, std::string_view>>& lines) {
  static const RE2 re(
      R"(^(?:[一二三四五六七八九十]+、|\d+[.、])\s*(\d{4})\s*年度?\p{Han}{0,16}?(?:举措|成效|成绩|开展情况|工作情况|落实情况|主要工作|工作总结))");
  for (const auto& [offset, line] : lines) {
    int y = 0;
    if (line.size() > 120 || contains(line, "。") || !RE2::PartialMatch(sp(line), re, &y) ||
        !plausible_year(y))
      continue;
    doc.meta.year = y;
    doc.meta.year_found = at_text(doc, std::string(line), offset, "achievements-heading");
    return true;
  }
  return false;
}

// 4. The year the body speaks of most: "2023年以来", "2023年度", "2023年，…".
bool year_from_body_phrases(Document& doc) {
  static const RE2 re(R"((\d{4})\s*年(?:以来|度|,|全年|上半年|下半年|共|累计|我|在|是|,))");
  const std::string_view scan = head(doc.text, kBodyScanBytes);
  std::map<int, std::pair<int, std::uint32_t>> counts;  // year → (count, first offset)
  re2::StringPiece input = sp(scan);
  int y = 0;
  while (RE2::FindAndConsume(&input, re, &y)) {
    if (!plausible_year(y)) continue;
    auto& c = counts[y];
    if (c.first++ == 0) c.second = static_cast<std::uint32_t>(input.data() - scan.data());
  }
  int best = 0, best_count = 1;  // at least two mentions
  for (const auto& [year, c] : counts)
    if (c.first > best_count) {
      best = year;
      best_count = c.first;
    }
  if (!best) return false;
  doc.meta.year = best;
  doc.meta.year_found = at_text(doc, std::to_string(best) + "年", counts[best].second, "body");
  return true;
}

// The last date of a signature line, as far as it is filled in: "2024-03-27", "2025-03", "2025";
// in Arabic or Chinese numerals (二〇二四年三月二十七日). Empty when the line holds none.
std::string iso_date_of(std::string_view s) {
  // 元月 is January; 号 is the spoken 日.
  static const RE2 date(R"((\d{4})\s*年\s*(\d{0,2}|元)\s*月\s*(\d{0,2})\s*(?:日|号))");
  // 2024-01-05, 2024.1.5, 2024/1/5 (a signature's line only), 2024年1月.
  static const RE2 numeric(R"(^\(?(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\)?$)");
  static const RE2 year_month(R"(^(\d{4})\s*年\s*(\d{1,2}|元)\s*月$)");
  std::string y, m, d;
  if (RE2::PartialMatch(sp(s), date, &y, &m, &d) || RE2::FullMatch(sp(s), numeric, &y, &m, &d) ||
      RE2::FullMatch(sp(s), year_month, &y, &m)) {
    if (m == "元") m = "1";
    std::string iso = y;
    if (!m.empty()) {
      iso += "-" + std::string(m.size() == 1 ? "0" : "") + m;
      if (!d.empty()) iso += "-" + std::string(d.size() == 1 ? "0" : "") + d;
    }
    return iso;
  }
  int year = 0, month = 0, day = 0;
  for (std::size_t at = find_chinese_year(s, year); at != std::string_view::npos;
       at = find_chinese_year(s, year, at + 1)) {
    if (!chinese_date_at(s, at, year, month, day)) continue;
    if (month == 0) return fmt::format("{}", year);
    return day == 0 ? fmt::format("{}-{:02}", year, month)
                    : fmt::format("{}-{:02}-{:02}", year, month, day);
  }
  return {};
}

// A date that names no day (2024年2月30日, month 13) is no publication date.
bool existing_date(const std::string& iso) {
  if (iso.size() == 10) return is_calendar_date(iso);
  if (iso.size() == 7) {
    const int m = std::stoi(iso.substr(5, 2));
    return m >= 1 && m <= 12;
  }
  return true;
}

}  // namespace

// The publication date: the signature's last date (ISO, as far as it is filled in), else the
// crawler header's 发布时间.
void meta::published_from_signature(Document& doc, const SignatureLines& signature,
                                    const CrawlerHeader& header) {
  for (const auto& [offset, s] : signature) {
    if (s.size() > 200) continue;
    if (std::string iso = iso_date_of(s); !iso.empty() && existing_date(iso))
      doc.meta.published = at_text(doc, iso, offset, "signature");
  }
  if (!doc.meta.published.found() && header.published.found())
    doc.meta.published = header.published;
}

// 5. The publication date: a report published in Q4 reports on that year (莆田市审计局 posts its
// report in late December), otherwise on the year before.
bool meta::year_from_published(Document& doc, const Located& published) {
  if (!published.found() || published.value.size() < 4) return false;
  const int y = std::stoi(published.value.substr(0, 4));
  const int m = published.value.size() >= 7 ? std::stoi(published.value.substr(5, 2)) : 0;
  doc.meta.year = m >= 10 ? y : y - 1;
  doc.meta.year_found = published;
  doc.meta.year_found.source = "published";
  return plausible_year(doc.meta.year);
}

// The year a title reports on: its first plausible year ("2021年法治政府建设…"; a doc number's
// 〔2022〕 has no 年), unless that year is the plans' ("…情况及2021年工作思路", "2024年工作计划"):
// then the next one, else the plans' year minus one.
int year_of_title(std::string_view raw_title) {
  static const RE2 title_year(R"((\d{4})\s*年(度?(?:工作)?(?:思路|计划|打算|安排|要点))?)");
  // A cited document's name is not the title's year: 《法治政府建设实施纲要(2021—2025年)》.
  std::string title(unwrapped_title(raw_title));
  for (std::size_t open = title.find("《"); open != std::string::npos;
       open = title.find("《", open + 1)) {
    const std::size_t close = title.find("》", open);
    if (close == std::string::npos) break;
    title.replace(open, close - open, close - open, ' ');
  }
  int year = 0, plans_year = 0;
  std::string plans;
  re2::StringPiece input = sp(title);
  while (RE2::FindAndConsume(&input, title_year, &year, &plans)) {
    if (!plausible_year(year)) continue;
    if (plans.empty()) return year;
    if (plans_year == 0) plans_year = year;
  }
  if (plans_year) return plans_year - 1;
  // 二〇二三年度…
  for (std::size_t at = find_chinese_year(title, year); at != std::string_view::npos;
       at = find_chinese_year(title, year, at + 1))
    if (plausible_year(year)) return year;
  return 0;
}

// Words that come off the front of a title found inside a one-line page's first line: the end
// of a document number (…36号) and the breadcrumb's last column (年度报告, 其他公开信息 …).
constexpr std::string_view kTitleLeads[] = {
    "号",           "正文",     "年度报告", "工作报告",     "计划总结",         "规划计划",
    "法治政府建设", "法治建设", "依法行政", "其他",         "通知公告",         "工作动态",
    "部门文件",     "政务公开", "信息公开", "公开信息",     "法定主动公开内容", "主动公开",
    "部门信息",     "工作总结", "总结报告", "年度计划总结", "发展规划",         "政策文件"};

void infer_year(Document& doc, const CrawlerHeader& header) {
  static const RE2 report_phrase(R"(现将\s*(\d{4})\s*年)");
  // With the reporter first, when the sentence announces the report: "现将我厅2025年法治政府
  // 建设工作情况报告如下".
  static const RE2 reporter_phrase(
      R"(现将\p{Han}{1,12}?(\d{4})\s*年[^。]{0,60}?(?:报告|汇报)如下)");
  const auto lines = first_lines(doc, 15, header.end_line);
  auto plausible = plausible_year;
  // 0. The crawler header's title.
  if (header.title.found()) {
    if (const int year = year_of_title(header.title.value)) {
      doc.meta.year = year;
      doc.meta.year_found = header.title;
      doc.meta.year_found.source = "title";
      return;
    }
  }
  // 1. The title line.
  for (const auto& [offset, line] : lines) {
    if (!title_like(line)) continue;
    if (const int year = year_of_title(line)) {
      doc.meta.year = year;
      doc.meta.year_found = at_text(doc, std::string(line), offset, "title");
      return;
    }
  }
  // 1b. A title run into the body on one line: "太仓市2024年度法治政府建设工作情况报告2024年,…",
  // maybe after a page's breadcrumb and info bar run into the same line ("首页 > … 发布时间:…
  // 【字体:大中小】 某某区2018年法治政府建设情况报告2018年,…").
  static const RE2 inline_title(
      R"((?:^|[^\p{Han}])(\p{Han}{0,24}?(\d{4})\s*年度?\p{Han}{0,6}?(?:法治政府|依法行政|法治建设|法治工作)\p{Han}{0,20}?(?:报告|情况|总结)))");
  if (!lines.empty()) {
    int year = 0;
    std::string title;
    const std::string_view line = head(lines.front().second, 300);
    // The pattern's own words first: its counted Han runs make RE2 slow on a long line.
    if (contains(line, "年") &&
        contains_any(line, {"法治政府", "依法行政", "法治建设", "法治工作"}) &&
        contains_any(line, {"报告", "情况", "总结"}) &&
        RE2::PartialMatch(sp(line), inline_title, &title, &year) && plausible(year)) {
      std::size_t at = line.find(title);
      // A document number run into it ("福政呈〔2019〕36号福建省…") ends with 号; the breadcrumb's
      // last column (… > 年度报告 长兴县司法局2023年度…, the space gone between two Han) is no
      // part of it either.
      for (bool again = true; again;) {
        again = false;
        for (std::string_view lead : kTitleLeads) {
          // Not when the year follows at once: then the word is the title's own beginning.
          if (title.size() > lead.size() + 12 && std::string_view(title).starts_with(lead) &&
              !(title[lead.size()] >= '0' && title[lead.size()] <= '9')) {
            title.erase(0, lead.size());
            at += lead.size();
            again = true;
          }
        }
      }
      doc.meta.year = year;
      doc.meta.year_found = at_text(doc, std::move(title),
                                    lines.front().first + static_cast<std::uint32_t>(at), "title");
      return;
    }
  }
  // 2. The preamble: the first body line opening with a year, or "现将2021年度…报告如下". An
  // addressee ("市委、市政府:") or the issuing unit's name on its own line may come first.
  int head_lines = 0;
  bool announced = false;  // "现就法治政府建设情况报告如下。" came first, without a year
  bool lead_skipped = false;
  // Text (at text offset `at`) opening with a year ("2023年，…"): the year reported on.
  const auto take_opening_year = [&](std::string_view text, std::uint32_t at) {
    int year = 0;
    if (!RE2::PartialMatch(sp(text), opening_year(), &year) || !plausible(year)) return false;
    const std::size_t end = std::min(text.find("年") + 3, text.size());
    doc.meta.year = year;
    doc.meta.year_found = at_text(doc, std::string(text.substr(0, end)), at, "preamble");
    return true;
  };
  for (const auto& [offset, line] : lines) {
    if (title_like(line)) continue;
    // A report read to a congress may announce itself without a year ("按照工作安排，现就法治
    // 政府建设情况报告如下。"); its first chapter's heading and opening follow ("一、主要工作举措
    // 及成效" / "2023年，在市委坚强领导下…").
    if (!announced && contains(line, "报告如下") && !contains(line, "年")) {
      announced = true;
      continue;
    }
    if (announced && line.starts_with("一、") && !contains(line, "。")) continue;
    // A page's furniture left above the text (站群导航, AQI, • 轻度污染, 2024-03-15来源:): short,
    // no sentence and no year of its own.
    if (furniture_like(line) && !contains(line, "年")) continue;
    // A report read to a congress opens with its occasion in parentheses ("(2023年4月27日在某某
    // 市人民代表大会常务委员会会议上)"): not the year reported on.
    if (line.starts_with("(") && line.ends_with(")") && !contains(line, "。")) continue;
    // Markup left of a page's table or list ("|", "--", "•") says nothing.
    if (line.size() <= 8 && std::none_of(line.begin(), line.end(), [](char c) {
          return static_cast<unsigned char>(c) >= 0x80 ||
                 std::isalnum(static_cast<unsigned char>(c));
        }))
      continue;
    // A date alone under the title ("2023年12月20日", the sending date) opens nothing either.
    // Nor does the document number ("雷东府〔2025〕26号").
    const bool doc_number =
        line.ends_with("号") && line.size() <= 60 && (contains(line, "〔") || contains(line, "["));
    if (head_lines < 2 && line.size() <= 90 && !contains(line, "。") && !contains(line, ",") &&
        (line.ends_with(":") || han_only(line) || is_date_line(line) || doc_number)) {
      ++head_lines;
      continue;
    }
    if (take_opening_year(line, offset)) return;
    int year = 0;
    re2::StringPiece match;
    if ((RE2::PartialMatch(sp(line), report_phrase, &year) ||
         RE2::PartialMatch(sp(line), reporter_phrase, &year)) &&
        plausible(year)) {
      doc.meta.year = year;
      const std::size_t pos = line.find("现将");
      doc.meta.year_found = at_text(doc, std::string(line.substr(pos, 13)),
                                    offset + static_cast<std::uint32_t>(pos), "preamble");
      return;
    }
    // A lead sentence of general words before the year's opening ("法治政府建设是现代国家政治
    // 文明的重要标志,…。2024年,巨野河街道以…"), in the same paragraph or one of its own: once,
    // and only a sentence without a year.
    const std::size_t stop = line.find("。");
    if (!lead_skipped && stop != std::string_view::npos && !line.starts_with("一、") &&
        !contains(line.substr(0, stop), "年")) {
      lead_skipped = true;
      const std::string_view rest = line.substr(stop + std::string_view("。").size());
      if (take_opening_year(rest, offset + static_cast<std::uint32_t>(rest.data() - line.data())))
        return;
      if (!contains(line, "年")) continue;
    }
    break;  // only the first body line counts as the preamble's opening
  }
  // 3-5. Without a title or an opening year: the plans heading, the body, the publication date.
  const auto body = first_lines(doc, 400, header.end_line);
  if (year_from_plans_heading(doc, body)) return;
  if (year_from_achievements_heading(doc, body)) return;
  if (year_from_body_phrases(doc)) return;
  year_from_published(doc, header.published);
}

}  // namespace indicheck::detail
