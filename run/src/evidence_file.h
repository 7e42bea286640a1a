// The EvidenceStore a run keeps on disk (private to run/).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "indicheck/evaluation.h"

namespace indicheck::run_detail {

// Full evidence on disk: an unlinked temporary file (gone when the process ends, however it
// ends), appended to by the workers, read back by offset one report at a time when rendering.
class FileEvidenceStore final : public EvidenceStore {
 public:
  // Opens the file in `dir` (created if needed) with `slots` slots; nullptr (errno set) when
  // it cannot.
  static std::shared_ptr<FileEvidenceStore> open(const std::string& dir, std::size_t slots);
  ~FileEvidenceStore() override;
  std::uint64_t size() const;  // bytes written so far

  bool store(std::size_t slot, const std::vector<DocumentEvidence>& evidence) override;
  bool load(std::size_t slot, std::vector<DocumentEvidence>& evidence) const override;

 private:
  static constexpr std::uint64_t kNoSize = static_cast<std::uint64_t>(-1);
  struct Slot {
    std::uint64_t offset = 0;
    std::uint64_t size = kNoSize;
  };
  FileEvidenceStore(int fd, std::size_t slots) : fd_(fd), slots_(slots) {}
  bool write_all(const char* data, std::size_t size, std::uint64_t offset);

  int fd_;
  mutable std::mutex mutex_;
  std::vector<Slot> slots_;
  std::uint64_t end_ = 0;
};

}  // namespace indicheck::run_detail
