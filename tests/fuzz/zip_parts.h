// Structure-aware input for the zip-based readers (DOCX, XLSX): libFuzzer's mutations of a zip
// file mostly break its checksums and headers, so the reader stops at the zip layer. An input
// that does not start with "PK" is read instead as the XML parts themselves, separated by a line
// "--8<--", and zipped here (stored, in memory) under the names the reader looks for; the reader
// then gets past the zip layer into the XML. Inputs that start with "PK" (the committed seeds
// and regressions) are passed through as they are.
#pragma once

#include <zip.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"

namespace indicheck::fuzz {

inline constexpr std::string_view kPartSeparator = "\n--8<--\n";

// The input's parts: the text between separators, in order.
inline std::vector<std::string_view> split_parts(std::string_view input) {
  std::vector<std::string_view> parts;
  for (std::size_t at = 0;;) {
    const std::size_t sep = input.find(kPartSeparator, at);
    parts.push_back(input.substr(at, sep == std::string_view::npos ? input.npos : sep - at));
    if (sep == std::string_view::npos) return parts;
    at = sep + kPartSeparator.size();
  }
}

// A zip (entries stored, not compressed) holding `parts[i]` as `names[i]`; extra parts are
// dropped, missing ones are absent. Empty on a libzip failure (never expected).
inline std::string zip_of(std::initializer_list<const char*> names,
                          const std::vector<std::string_view>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) return {};
  zip_source_keep(buffer);
  zip_t* zip = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  std::string bytes;
  if (zip) {
    std::size_t i = 0;
    for (const char* name : names) {
      if (i >= parts.size()) break;
      const std::string_view part = parts[i++];
      zip_source_t* s = zip_source_buffer(zip, part.data(), part.size(), 0);
      const zip_int64_t index = s ? zip_file_add(zip, name, s, ZIP_FL_ENC_UTF_8) : -1;
      if (index < 0) {
        if (s) zip_source_free(s);
        continue;
      }
      zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
    }
    if (zip_close(zip) != 0) zip_discard(zip);
    if (zip_source_open(buffer) == 0) {
      zip_source_seek(buffer, 0, SEEK_END);
      const zip_int64_t size = zip_source_tell(buffer);
      zip_source_seek(buffer, 0, SEEK_SET);
      if (size > 0) {
        bytes.resize(static_cast<std::size_t>(size));
        if (zip_source_read(buffer, bytes.data(), static_cast<zip_uint64_t>(size)) != size)
          bytes.clear();
      }
      zip_source_close(buffer);
    }
  }
  zip_source_free(buffer);
  zip_error_fini(&error);
  return bytes;
}

// The bytes to give the reader: the input itself when it is a zip, else its parts zipped.
inline std::string zip_input(std::string_view input, std::initializer_list<const char*> names) {
  if (input.substr(0, 2) == "PK") return std::string(input);
  return zip_of(names, split_parts(input));
}

}  // namespace indicheck::fuzz
