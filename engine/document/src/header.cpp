// Crawler header blocks: the "key: value" lines a web crawler (or a saved 政府信息公开 page)
// puts before the report text.
//
//   标题: 莆田市审计局关于2022年法治政府建设工作情况的报告
//   发布时间: 2022-12-30 10:31
//   文号:
//   发布机构: 市审计局
//   栏目: 年度计划总结
//   原始链接: https://…
//   正文:
//
// Such lines are not report text: counted as body they switch off one-line mode, defeat the
// title patterns (anchored at line start) and use up the budget of lines searched for the
// unit. They are read here as metadata with their source named, and the outline gives them
// the title role. Only a run of recognised keys from the top of the file counts (blank lines
// and separators like "==== 正文 ====" may sit between them), so a body sentence that happens
// to start with "来源:" is never taken for a header.
#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "indicheck/calendar.h"
#include "internal.h"

namespace indicheck::detail {

namespace {

// Lines searched for a header at the top of the file; crawlers write about ten.
constexpr std::uint32_t kMaxHeaderLines = 40;
// Lines of a site's name and channel that may stand above a publisher's metadata.
constexpr std::uint32_t kMaxSiteLines = 3;
// A header line is short: "原始链接: <url>" is the longest usual one.
constexpr std::size_t kMaxHeaderLineBytes = 600;

enum class Key { kTitle, kPublished, kDocNumber, kPublisher, kBodyStart, kOther };

struct KeyName {
  std::string_view name;
  Key key;
};

// Field names as normalized (NFKC turns "：" into ":"). Publishers' 政府信息公开 tables use
// the same names (索引号, 发文字号, 发布机构, 成文日期, 发布日期).
constexpr KeyName kKeys[] = {
    {"标题", Key::kTitle},
    {"题目", Key::kTitle},
    {"文章标题", Key::kTitle},
    {"名称", Key::kTitle},
    {"发布时间", Key::kPublished},
    {"发布日期", Key::kPublished},
    {"生成日期", Key::kPublished},
    {"发文日期", Key::kPublished},
    {"发文时间", Key::kPublished},
    {"成文日期", Key::kPublished},
    {"成文时间", Key::kPublished},
    {"日期", Key::kPublished},
    {"时间", Key::kPublished},
    {"文号", Key::kDocNumber},
    {"发文字号", Key::kDocNumber},
    {"文件编号", Key::kDocNumber},
    {"发布机构", Key::kPublisher},
    {"发文机关", Key::kPublisher},
    {"发布单位", Key::kPublisher},
    {"来源", Key::kPublisher},
    {"信息来源", Key::kPublisher},
    {"正文", Key::kBodyStart},
    {"内容", Key::kBodyStart},
    {"栏目", Key::kOther},
    {"所属栏目", Key::kOther},
    {"原始链接", Key::kOther},
    {"原文链接", Key::kOther},
    {"链接", Key::kOther},
    {"网址", Key::kOther},
    {"索引号", Key::kOther},
    {"主题分类", Key::kOther},
    {"分类", Key::kOther},
    {"关键词", Key::kOther},
    {"作者", Key::kOther},
    {"浏览次数", Key::kOther},
    {"点击数", Key::kOther},
    {"有效性", Key::kOther},
    {"效力状态", Key::kOther},
    {"是否有效", Key::kOther},
    {"责任部门", Key::kOther},
    {"公开形式", Key::kOther},
    {"内容概述", Key::kOther},
    {"公开范围", Key::kOther},
    {"公开方式", Key::kOther},
    {"组配分类", Key::kOther},
    {"主题词", Key::kOther},
    {"体裁分类", Key::kOther},
    {"本地目录", Key::kOther},
    {"保存时间", Key::kOther},
    {"抓取时间", Key::kOther},
    // Other crawlers write English keys (compared without case: Title, URL, Date).
    {"title", Key::kTitle},
    {"date", Key::kPublished},
    {"published", Key::kPublished},
    {"publish_time", Key::kPublished},
    {"pubdate", Key::kPublished},
    {"time", Key::kPublished},
    {"source", Key::kPublisher},
    {"publisher", Key::kPublisher},
    {"url", Key::kOther},
    {"link", Key::kOther},
    {"author", Key::kOther},
    {"category", Key::kOther},
    {"column", Key::kOther},
    {"crawled", Key::kOther},
    {"fetched", Key::kOther},
};

bool same_key(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != static_cast<unsigned char>(b[i]))
      return false;
  return true;
}

// The key a field name stands for (compared without ASCII case), or nullopt. Spaces inside a
// name are padding: 政府信息公开 tables align their keys ("索  引 号", "标      题").
std::optional<Key> key_named(std::string_view name) {
  std::string compact;
  if (name.find_first_of(" \t") != std::string_view::npos) {
    for (char c : name)
      if (c != ' ' && c != '\t') compact += c;
    name = compact;
  }
  for (const KeyName& k : kKeys)
    if (same_key(name, k.name)) return k.key;
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// "==== 正文 ====", "---- 正文 ----", "【正文】": a separator naming the body.
bool body_separator(std::string_view line) {
  if (line.find("正文") == std::string_view::npos || line.size() > 60) return false;
  for (char c : line)
    if (c == '=' || c == '-' || c == '*' || c == '#' || c == '[' || c == '<') return true;
  return line.rfind("【正文】", 0) == 0;
}

// Is there a body separator among the next `lines` non-blank lines from text offset `from`?
bool separator_within(std::string_view text, std::size_t from, int lines) {
  while (lines > 0 && from < text.size()) {
    std::size_t end = text.find('\n', from);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = trim(text.substr(from, end - from));
    from = end + 1;
    if (line.empty()) continue;
    if (body_separator(line)) return true;
    --lines;
  }
  return false;
}

// Keys a publisher's table may write without a colon, its value after a space or run on
// ("索引号 XM001-2022-005", "发布机构文号厦政外综〔2022〕94号": normalization joins two Han
// characters across a space): names no sentence of a report opens with.
constexpr std::string_view kBareKeys[] = {"索引号", "主题分类", "发布机构", "发文机关", "发文字号",
                                          "文号",   "成文日期", "发布日期", "体裁分类", "组配分类"};

std::optional<Key> colon_key(std::string_view line, std::string_view& value);

// The key of a "key: value" line, or nullopt.
std::optional<Key> header_key(std::string_view line, std::string_view& value) {
  if (auto key = colon_key(line, value)) return key;
  for (std::string_view bare : kBareKeys)
    if (line.starts_with(bare)) {
      value = trim(line.substr(bare.size()));
      return key_named(bare);
    }
  return std::nullopt;
}

std::optional<Key> colon_key(std::string_view line, std::string_view& value) {
  // "key: value", "【key】value" or "[ key ] value".
  if (line.empty()) return std::nullopt;
  std::size_t name_begin = 0, name_end = 0, value_begin = 0;
  if (line.rfind("【", 0) == 0) {
    const std::size_t close = line.find("】");
    if (close == std::string_view::npos || close > 3 + 15) return std::nullopt;
    name_begin = 3;
    name_end = close;
    value_begin = close + 3;
  } else if (line.front() == '[') {  // "[ 索引号 ]" (a publisher's table cell)
    const std::size_t close = line.find(']');
    if (close == std::string_view::npos || close > 1 + 15) return std::nullopt;
    name_begin = 1;
    name_end = close;
    value_begin = close + 1;
  } else {
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 15) return std::nullopt;
    name_end = colon;
    value_begin = colon + 1;
  }
  const auto key = key_named(trim(line.substr(name_begin, name_end - name_begin)));
  if (key) value = trim(line.substr(value_begin));
  return key;
}

// A date as header fields and info bars write it: "2022-12-30", "2022年12月30日", "2022/12/30";
// year, month and day captured.
constexpr char kDatePattern[] = R"((\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2}))";

// The first date matching `re` (kDatePattern, maybe after a prefix) in `text`, as an ISO date.
std::string iso_date_by(const RE2& re, std::string_view text) {
  std::string y, m, d;
  if (!RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re, &y, &m, &d)) return {};
  return fmt::format("{}-{:0>2}-{:0>2}", y, m, d);
}

// "2022-12-30 10:31", "2022年12月30日", "2022/12/30" → "2022-12-30".
std::string iso_date(std::string_view value) {
  static const RE2 re(kDatePattern);
  return iso_date_by(re, value);
}

// The fields of one header line: "key: value"; "【key】value"; several on one line
// ("索引号: A25290-2024-0018 主题分类: 综合政务", "发布机构: 某局 生成日期: 2024-03-01"); a
// publisher's metadata table copied as pipe rows ("| 发文机关: | 某局 | 发文日期: | |", "| 标题:
// 某局关于… |"), or a title alone in one ("| 某区2025年度法治政府建设情况报告 |").
struct Field {
  Key key;
  std::string_view value;
};

// Appends the fields of "k1: v1 k2: v2" (split at each space that a known key and its colon
// follow); false when the text does not open with a key.
bool split_keys(std::string_view text, std::vector<Field>& out) {
  std::string_view value;
  auto key = header_key(text, value);
  if (!key) return false;
  while (true) {
    // "文件编号: 有效性: 有效": an empty field, then the next.
    std::string_view nested;
    if (const auto inner = header_key(value, nested)) {
      out.push_back({*key, {}});
      key = inner;
      value = nested;
      continue;
    }
    std::size_t cut = std::string_view::npos;
    for (std::size_t sp = value.find(' '); sp != std::string_view::npos;
         sp = value.find(' ', sp + 1)) {
      std::string_view ignored;
      if (header_key(trim(value.substr(sp)), ignored)) {
        cut = sp;
        break;
      }
    }
    if (cut == std::string_view::npos) break;
    out.push_back({*key, trim(value.substr(0, cut))});
    key = header_key(trim(value.substr(cut)), value);
  }
  out.push_back({*key, value});
  return true;
}

// A line of a page's top above its metadata: the site's name or channel ("某某县人民政府",
// "政府信息公开", "各区县局"), short and without a sentence, a date or a report's title.
bool site_line(std::string_view line) {
  // A breadcrumb: "某区人民政府信息公开专栏 >> 某区人民政府办公室 >> 政府信息公开基础平台".
  if (line.size() <= 240 && line.find('>') != std::string_view::npos &&
      line.find("。") == std::string_view::npos && line.find(',') == std::string_view::npos)
    return true;
  if (line.size() > 45) return false;
  for (std::string_view w : {"。", "，", ",", ":", "报告", "总结", "情况", "法治", "年"})
    if (line.find(w) != std::string_view::npos) return false;
  return true;
}

std::vector<Field> fields_of_line(std::string_view line) {
  std::vector<Field> out;
  // "• 发布机构: 某局": a list item of the publisher's metadata.
  for (std::string_view bullet : {"•", "·", "●", "* ", "- "})
    if (line.starts_with(bullet)) {
      line = trim(line.substr(bullet.size()));
      break;
    }
  if (line.empty()) return out;
  if (line.size() < 2 || line.find('|') == std::string_view::npos) {
    split_keys(line, out);
    return out;
  }
  std::vector<std::string_view> cells;
  for (std::size_t b = line.front() == '|' ? 1 : 0; b <= line.size();) {
    std::size_t e = line.find('|', b);
    if (e == std::string_view::npos) e = line.size();
    if (const std::string_view c = trim(line.substr(b, e - b)); !c.empty()) cells.push_back(c);
    b = e + 1;
  }
  // A cell holding a key's name alone ("| 索引号 | A25-2024 |"), or with its colon.
  const auto cell_key = [](std::string_view cell, std::string_view& value) -> std::optional<Key> {
    if (auto key = header_key(cell, value)) return key;
    value = {};
    return key_named(cell);
  };
  for (std::size_t i = 0; i < cells.size(); ++i) {
    std::string_view value, ignored;
    const auto key = cell_key(cells[i], value);
    if (!key) continue;
    // "| 发文机关: | 某局 |", "| 发布机构 | 某局 |": the value in the next cell.
    if (value.empty() && i + 1 < cells.size() && !cell_key(cells[i + 1], ignored)) {
      out.push_back({*key, cells[++i]});
      continue;
    }
    if (value.empty() && !header_key(cells[i], ignored)) {
      out.push_back({*key, {}});  // "| 关键词 | 发布机构 | 某局 |": an empty field
      continue;
    }
    split_keys(cells[i], out);
  }
  // A title alone in a row of its own.
  if (out.empty() && cells.size() == 1 && line.front() == '|' &&
      (cells[0].find("报告") != std::string_view::npos ||
       cells[0].find("法治") != std::string_view::npos))
    out.push_back({Key::kTitle, cells[0]});
  return out;
}

// A page's info bar in its first lines ("来源:某区人民政府办公室 发布时间:2024-03-28 09:18",
// "文章来源:司法局 更新时间:2021/03/29 11:30:01", or run into a one-line page's text after the
// breadcrumb, or over two lines: "发布日期: 2024-03-14" / "来源: 某委"). Read from the original,
// since normalization blanks the bar as furniture; only the first lines holding 时间 or 日期 and
// the two lines on either side of such a line, since further down "时间:" starts a sentence of
// the report. The first non-empty `read(line)` of those lines, located there, "info-bar".
template <typename Read>
Located from_info_bar(const Document& doc, Read&& read) {
  constexpr std::size_t kInfoBarLines = 12;
  constexpr std::size_t kMaxInfoBarBytes = 600;
  constexpr std::size_t kNear = 2;
  const std::string_view original = doc.original;
  const auto& starts = doc.line_starts_;
  const std::size_t n = std::min(kInfoBarLines, starts.size());
  const auto line_at = [&](std::size_t li) {
    const std::size_t begin = starts[li];
    const std::size_t end = li + 1 < starts.size() ? starts[li + 1] : original.size();
    return original.substr(begin, std::min(end - begin, kMaxInfoBarBytes));
  };
  const auto dated = [&](std::size_t li) {
    const std::string_view line = line_at(li);
    return line.find("时间") != std::string_view::npos ||
           line.find("日期") != std::string_view::npos;
  };
  std::vector<bool> bar(n, false);
  for (std::size_t li = 0; li < n; ++li)
    if (dated(li))
      for (std::size_t k = li > kNear ? li - kNear : 0; k <= li + kNear && k < n; ++k)
        bar[k] = true;
  for (std::size_t li = 0; li < n; ++li) {
    if (!bar[li]) continue;
    const std::string_view line = line_at(li);
    std::string value = read(line);
    if (value.empty()) continue;
    Located l;
    l.value = std::move(value);
    l.line = static_cast<std::uint32_t>(li + 1);
    l.source = "info-bar";
    return l;
  }
  return {};
}

// The info bar's publication date: when no header gives one.
Located info_bar_date(const Document& doc) {
  static const RE2 re(
      std::string(R"((?:发布时间|发布日期|发文日期|更新时间|日期|时间)\s*[:：]\s*)") +
      kDatePattern);
  return from_info_bar(doc, [](std::string_view line) {
    std::string iso = iso_date_by(re, line);
    return iso.empty() || !is_calendar_date(iso) ? std::string() : iso;
  });
}

// The info bar's source, when it names a body ("发布时间:2025-03-06 15:53 信息来源:某某县
// 退役军人事务局"): the publisher when no header gives one (the unit's last resort, metadata.cpp).
Located info_bar_publisher(const Document& doc) {
  static const RE2 re(R"((?:信息来源|文章来源|来源|发布机构|发布单位)\s*[:：]\s*(\p{Han}{2,30}))");
  return from_info_bar(doc, [](std::string_view line) {
    std::string name;
    RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), re, &name);
    return name;
  });
}

}  // namespace

CrawlerHeader read_crawler_header(const Document& doc, const char* source_name) {
  CrawlerHeader header;
  const std::string_view text = doc.text;
  std::size_t start = 0;
  std::uint32_t li = 0;
  int fields = 0;
  bool pipe_title = false;
  std::uint32_t last_field_line = 0;  // one past the last header line seen
  for (; li < kMaxHeaderLines && start <= text.size(); ++li) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view raw = text.substr(start, end - start);
    const std::string_view line = trim(raw);
    const std::size_t next = end + 1;
    if (line.empty()) {
      start = next;
      if (end >= text.size()) break;
      continue;
    }
    if (line.size() > kMaxHeaderLineBytes) break;
    if (body_separator(line)) {
      last_field_line = li + 1;
      start = next;
      break;  // the body follows
    }
    const std::vector<Field> line_fields = fields_of_line(line);
    // A row of the table without fields this reader knows: a Markdown rule row ("|---|"), or
    // "| 公开形式 | 责任部门 | |" between rows it does.
    if (line_fields.empty() && fields > 0 && line.front() == '|') {
      last_field_line = li + 1;
      start = next;
      if (end >= text.size()) break;
      continue;
    }
    // The site's name and channel above the metadata: header when fields follow.
    if (line_fields.empty() && fields == 0 && li < kMaxSiteLines && site_line(line)) {
      start = next;
      if (end >= text.size()) break;
      continue;
    }
    if (line_fields.empty()) {
      // A crawler's note inside the block ("页面链接与图片详见 links.tsv(同目录)"): kept in
      // the header only when a body separator follows within two lines.
      if (fields >= 2 && line.size() <= 120 && line.find("。") == std::string_view::npos &&
          separator_within(text, next, 2)) {
        last_field_line = li + 1;
        start = next;
        if (end >= text.size()) break;
        continue;
      }
      break;
    }
    ++fields;
    last_field_line = li + 1;
    auto located = [&](std::string v, const char*) {
      Located l;
      l.value = std::move(v);
      l.line = li + 1;  // header lines come before any reflow: text line = original line
      l.source = source_name;
      return l;
    };
    bool body_starts = false;
    pipe_title = pipe_title || (line.front() == '|' && line_fields.size() == 1 &&
                                line_fields[0].key == Key::kTitle);
    for (const auto& [key, value] : line_fields) switch (key) {
        case Key::kTitle:
          if (!value.empty() && !header.title.found())
            header.title = located(std::string(value), "header");
          break;
        case Key::kPublished:
          if (!header.published.found())
            if (std::string iso = iso_date(value); !iso.empty())
              header.published = located(iso, "header");
          break;
        case Key::kDocNumber:
          if (!value.empty() && value != "无" && !header.doc_number.found())
            header.doc_number = located(std::string(value), "header");
          break;
        case Key::kPublisher: {
          // CMS site codes before the name: "PTSSLJ-莆田市水利局", "PTSSLJ--莆田市水利局".
          std::string_view name = value;
          std::size_t code = 0;
          while (code < name.size() && std::isalnum(static_cast<unsigned char>(name[code]))) ++code;
          if (code > 0 && code < name.size() && (name[code] == '-' || name[code] == '_')) {
            name.remove_prefix(code);
            while (!name.empty() &&
                   (name.front() == '-' || name.front() == '_' || name.front() == ' '))
              name.remove_prefix(1);
          }
          if (!name.empty() && !header.publisher.found())
            header.publisher = located(std::string(name), "header");
          break;
        }
        case Key::kBodyStart:
          if (!value.empty()) {
            // "正文: 2022年，我局…": the body starts on this line; the line is not header.
            --fields;
            last_field_line = li;
          }
          body_starts = true;
          break;
        case Key::kOther:
          break;
      }
    if (body_starts) {
      if (last_field_line == li + 1) start = next;  // "正文:" alone: the body follows
      li = kMaxHeaderLines;                         // stop
      continue;
    }
    start = next;
    if (end >= text.size()) break;
  }
  // One "来源: …" line alone is a sentence of the report, not a header; two fields are, and so
  // is a title in a table row of its own ("| 某区2025年度…报告 |").
  if (fields >= 2 || (fields == 1 && pipe_title))
    header.end_line = last_field_line;
  else
    header = CrawlerHeader{};
  if (!header.published.found()) header.published = info_bar_date(doc);
  if (!header.publisher.found()) header.publisher = info_bar_publisher(doc);
  return header;
}

}  // namespace indicheck::detail
