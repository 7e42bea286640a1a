// Every hard limit of Indicheck, in one place, each with the reason it exists.
// Each limit has a test that hits it (tests/*/limits_test.cpp or near the code that checks it).
#pragma once

#include <cstddef>
#include <cstdint>

namespace indicheck::limits {

// A report is 3,000-20,000 characters; a decade of a national corpus fits in single files far
// below this. Larger inputs are refused so one stray dump cannot exhaust memory.
inline constexpr std::size_t kMaxReportBytes = 256u << 20;  // 256 MiB

// Offsets into documents are 32-bit to halve the size of sentence and evidence tables.
static_assert(kMaxReportBytes < (std::size_t{1} << 32));

// Below this confidence ICU's charset detector is no better than a guess; we ask the user for
// --encoding instead of producing mojibake that would silently score zero.
inline constexpr int kMinEncodingConfidence = 30;  // ICU's 0-100 scale

// A "sentence" longer than this is split at the next comma so that a one-line web crawl or a
// report without 。 still yields quotes a person can read.
inline constexpr std::size_t kMaxSentenceBytes = 2048;

// A term or regex of a rule longer than this is refused (error[term-too-long]): it is no
// term (340 Chinese characters), and Hyperscan would refuse a multi-megabyte literal with a
// message that echoes all of it. Messages quote only its first kMaxEchoedChars code points.
inline constexpr std::size_t kMaxTermBytes = 1024;
inline constexpr std::size_t kMaxEchoedChars = 40;

// Rule trees and YAML nodes are walked with an explicit stack; deeper input is refused.
inline constexpr std::size_t kMaxRuleDepth = 32;

// yaml-cpp parses nested collections recursively; the raw text is pre-scanned and refused
// beyond this depth so a 10,000-deep file is a diagnostic, not a stack overflow. A rule tree of
// kMaxRuleDepth nodes needs about two YAML levels per node (children: → list → mapping).
inline constexpr std::size_t kMaxYamlDepth = 2 * kMaxRuleDepth + 8;

// A rule file larger than this is not a checklist.
inline constexpr std::size_t kMaxRuleFileBytes = 8u << 20;

// Include chains longer than this are a mistake (and cycles are caught separately).
inline constexpr std::size_t kMaxIncludeDepth = 16;

// One part of a .docx (word/document.xml, numbering.xml, styles.xml) inflated beyond this is
// refused as a zip bomb: a long report's document.xml is 1-3 MB; 42 KB of zip can claim GBs.
// Counted on the bytes actually inflated, not on the sizes the zip directory claims.
inline constexpr std::size_t kMaxDocxPartBytes = 64u << 20;  // 64 MiB

// Old binary .doc/.wps files are read by Debian's antiword as a child process: it gets this
// long (a 200-page .doc takes well under a second) and this much output before it is stopped.
inline constexpr int kLegacyWordTimeoutMs = 30000;
inline constexpr std::size_t kMaxLegacyWordTextBytes = 64u << 20;

// OCR of image-only PDF pages (--ocr): pages are rendered at this resolution (Tesseract's
// recommended 300 dpi for body text), and a scan with more pages than this is refused rather
// than tying up a worker for an hour (OCR runs at a few seconds a page).
inline constexpr double kOcrDpi = 300;
inline constexpr int kMaxOcrPages = 300;

// Quotes per item kept in evidence: an auditor reads a few sentences, not hundreds.
inline constexpr std::size_t kMaxQuotesPerItem = 8;
// Near misses per missing or partial item: the few sentences an auditor rereads before
// overturning a verdict.
inline constexpr std::size_t kMaxNearMisses = 3;

// A corpus manifest (`--manifest`) row is about 100 bytes: a national corpus of 100,000 reports
// is about 10 MiB. Anything much larger is not a manifest.
inline constexpr std::size_t kMaxManifestBytes = 64u << 20;

}  // namespace indicheck::limits
