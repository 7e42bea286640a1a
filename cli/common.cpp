#include "common.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "indicheck/utf8.h"

namespace fs = std::filesystem;
namespace po = boost::program_options;

namespace indicheck::cli {

namespace {

// Boost's usage errors said in Chinese: the error's own template (public, with the option and
// the value as placeholders) replaced by a Chinese one. Errors without one keep Boost's text.
std::string chinese_usage_error(const po::error& e) {
  if (const auto* ambiguous = dynamic_cast<const po::ambiguous_option*>(&e)) {
    std::string names;
    for (const auto& name : ambiguous->alternatives())
      names += (names.empty() ? "--" : "、--") + name;
    return fmt::format("选项 {} 有歧义，可能是：{}", ambiguous->get_option_name(), names);
  }
  if (dynamic_cast<const po::too_many_positional_options_error*>(&e)) return "命令行上的参数过多";
  const auto* named = dynamic_cast<const po::error_with_option_name*>(&e);
  if (named == nullptr) return e.what();
  const char* text = nullptr;
  if (dynamic_cast<const po::unknown_option*>(&e)) {
    text = "无法识别的选项 %canonical_option%";
  } else if (dynamic_cast<const po::multiple_occurrences*>(&e)) {
    text = "选项 %canonical_option% 只能给出一次";
  } else if (dynamic_cast<const po::multiple_values*>(&e)) {
    text = "选项 %canonical_option% 只接受一个值";
  } else if (dynamic_cast<const po::required_option*>(&e)) {
    text = "缺少必需的选项 %canonical_option%";
  } else if (const auto* syntax = dynamic_cast<const po::invalid_syntax*>(&e)) {
    switch (syntax->kind()) {
      case po::invalid_syntax::missing_parameter:
        text = "选项 %canonical_option% 缺少取值";
        break;
      case po::invalid_syntax::empty_adjacent_parameter:
        text = "选项 %canonical_option% 的取值应紧跟在等号之后";
        break;
      case po::invalid_syntax::long_adjacent_not_allowed:
      case po::invalid_syntax::short_adjacent_not_allowed:
      case po::invalid_syntax::extra_parameter:
        text = "选项 %canonical_option% 不接受取值";
        break;
      default:
        break;
    }
  } else if (const auto* validation = dynamic_cast<const po::validation_error*>(&e)) {
    switch (validation->kind()) {
      case po::validation_error::multiple_values_not_allowed:
        text = "选项 %canonical_option% 只接受一个值";
        break;
      case po::validation_error::at_least_one_value_required:
        text = "选项 %canonical_option% 至少需要一个值";
        break;
      case po::validation_error::invalid_bool_value:
        text =
            "选项 %canonical_option% 的取值“%value%”无效（可用 on/off、yes/no、1/0、true/false）";
        break;
      case po::validation_error::invalid_option_value:
        text = "选项 %canonical_option% 的取值“%value%”无效";
        break;
      case po::validation_error::invalid_option:
        text = "选项 %canonical_option% 无效";
        break;
    }
  }
  if (text == nullptr) return e.what();
  po::error_with_option_name chinese = *named;
  chinese.m_error_template = text;
  return chinese.what();
}

}  // namespace

std::string parse_arguments(
    const Args& args, const boost::program_options::options_description& visible,
    const boost::program_options::options_description& hidden,
    const boost::program_options::positional_options_description& positional,
    boost::program_options::variables_map& vm) {
  po::options_description all;
  all.add(visible).add(hidden);
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return ui_lang() == Lang::kEn ? std::string(e.what()) : chinese_usage_error(e);
  }
  return "";
}

namespace {
Lang g_lang = lang_from_environment();
bool g_lang_given = false;
}  // namespace

Lang ui_lang() {
  return g_lang;
}
void set_ui_lang(Lang lang) {
  g_lang = lang;
  g_lang_given = true;
}
bool ui_lang_given() {
  return g_lang_given;
}

const char* tr(const char* zh, const char* en) {
  return ui_lang() == Lang::kEn ? en : zh;
}

namespace {

// A unit of wrapping: a space, a CJK character with the punctuation glued to it, or an ASCII
// word. `opens`: it starts with opening punctuation; `closes`: it ends with closing punctuation.
struct Piece {
  std::string text;
  std::size_t width = 0;
  bool space = false, opens = false, closes = false;
};

// `text` cut where a line may break: at spaces, and between CJK characters, except before
// closing punctuation and after opening punctuation; an ASCII word is one piece.
std::vector<Piece> break_pieces(std::string_view text) {
  static constexpr std::string_view kClosing[] = {"，", "。", "、", "；", "：", "）",
                                                  "”",  "’",  "！", "？", "》", "…"};
  static constexpr std::string_view kOpening[] = {"（", "“", "‘", "《"};
  const auto is_one_of = [](std::string_view ch, const auto& set) {
    return std::find(std::begin(set), std::end(set), ch) != std::end(set);
  };
  std::vector<Piece> pieces;
  bool glue_next = false;  // after opening punctuation
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = 0;
    const std::size_t n = decode_utf8(text, i, c);  // the CLI's own texts: valid UTF-8
    const std::string_view ch = text.substr(i, n);
    i += n;
    if (ch == " ") {
      pieces.push_back({" ", 1, true});
      glue_next = false;
      continue;
    }
    const std::size_t width = display_width(c);
    const bool closing = is_one_of(ch, kClosing);
    const bool opening = is_one_of(ch, kOpening);
    const bool ascii_word = n == 1 && !pieces.empty() && !pieces.back().space &&
                            static_cast<unsigned char>(pieces.back().text.back()) < 0x80;
    if (!pieces.empty() && !pieces.back().space && (glue_next || closing || ascii_word)) {
      pieces.back().text += ch;
      pieces.back().width += width;
      pieces.back().closes = closing;
    } else {
      pieces.push_back({std::string(ch), width, false, opening, closing});
    }
    glue_next = opening;
  }
  return pieces;
}

// Writes `text` in lines of at most `width` columns; lines after the first start with `indent`.
// A full line breaks at the last space or punctuation in its second half if it has one (so
// "（……）" and "……，" stay whole), else after its last piece that fits.
void write_wrapped(std::ostream& os, std::string_view text, std::size_t width,
                   const std::string& indent) {
  std::vector<Piece> line;
  std::size_t used = 0;
  const auto write = [&](std::size_t count) {
    std::size_t end = count;
    while (end > 0 && line[end - 1].space) --end;
    for (std::size_t k = 0; k < end; ++k) os << line[k].text;
    line.erase(line.begin(), line.begin() + static_cast<std::ptrdiff_t>(count));
    while (!line.empty() && line.front().space) line.erase(line.begin());
    used = 0;
    for (const Piece& p : line) used += p.width;
  };
  for (const Piece& p : break_pieces(text)) {
    if (p.space && line.empty()) continue;
    if (!p.space && !line.empty() && used + p.width > width) {
      std::size_t cut = line.size();
      std::size_t before = used;  // width of line[0, k)
      for (std::size_t k = line.size(); k > 0; --k) {
        const bool preferred =
            (k == line.size() ? p.space || p.opens : line[k].space || line[k].opens) ||
            line[k - 1].space || line[k - 1].closes;
        if (preferred && 2 * before >= width) {
          cut = k;
          break;
        }
        before -= line[k - 1].width;
      }
      write(cut);
      os << '\n' << indent;
    }
    line.push_back(p);
    used += p.width;
  }
  write(line.size());
}

}  // namespace

void print_options(std::ostream& os, const po::options_description& options,
                   std::string_view caption) {
  if (ui_lang() == Lang::kEn) {
    os << caption << ":\n" << options;
    return;
  }
  // Boost's columns (options_description::get_option_column_width, line length 80): the
  // descriptions start after the longest option, at column 24 to 40.
  constexpr std::size_t kLineLength = 80;
  std::vector<std::string> names;
  std::size_t column = 23;
  for (const auto& option : options.options()) {
    names.push_back("  " + option->format_name() + " " + option->format_parameter());
    column = std::max(column, names.back().size());
  }
  column = std::min(column, kLineLength / 2 - 1) + 1;
  const std::string indent(column, ' ');
  os << caption << "：\n";
  for (std::size_t i = 0; i < names.size(); ++i) {
    os << names[i];
    const std::string& description = options.options()[i]->description();
    if (!description.empty()) {
      if (names[i].size() >= column)
        os << '\n' << indent;
      else
        os << std::string(column - names[i].size(), ' ');
      std::size_t start = 0;
      for (std::size_t end; (end = description.find('\n', start)) != std::string::npos;
           start = end + 1) {
        write_wrapped(os, std::string_view(description).substr(start, end - start),
                      kLineLength - 1 - column, indent);
        os << '\n' << indent;
      }
      write_wrapped(os, std::string_view(description).substr(start), kLineLength - 1 - column,
                    indent);
    }
    os << '\n';
  }
}

std::string diagnostic_line(const Diagnostic& d, Lang lang) {
  const std::string_view headline = diagnostic_headline(d.code, lang);
  if (headline.empty() || d.message.empty()) return d.str();
  Diagnostic zh = d;
  zh.message =
      std::string(headline) + "。" + std::string(msg(Msg::kCliDiagDetail, lang)) + d.message;
  return zh.str();
}

void print_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) std::cerr << diagnostic_line(d, ui_lang()) << '\n';
}

std::string default_data_path(const std::string& name) {
  std::error_code ec;
  if (fs::exists(name, ec)) return name;
#ifdef INDICHECK_SOURCE_DIR
  fs::path source = fs::path(INDICHECK_SOURCE_DIR) / name;
  if (fs::exists(source, ec)) return source.string();
#endif
  return name;
}

void use_default_paths(PipelineOptions& options) {
  if (options.inputs.empty()) options.inputs.push_back(default_data_path("corpus"));
  if (options.rules_paths.empty()) options.rules_paths.push_back(default_data_path("rules"));
}

}  // namespace indicheck::cli
