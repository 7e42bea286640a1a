// The EvidenceStore a run keeps on disk (private to run/).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "indicheck/evaluation.h"

namespace indicheck::run_detail {

// Full evidence in its binary form (serialize_evidence): the first `memory_budget` bytes in
// memory, the rest in an unlinked temporary file (gone when the process ends, however it ends),
// appended to by the workers; read back one report at a time when rendering. A province's run
// stays in memory and never pays the kernel's copies into the file and back; a national run
// keeps at most the budget plus what the file's pages hold.
class FileEvidenceStore final : public EvidenceStore {
 public:
  // Opens the file in `dir` (created if needed) with `slots` slots; nullptr (errno set) when
  // it cannot.
  static std::shared_ptr<FileEvidenceStore> open(const std::string& dir, std::size_t slots,
                                                 std::uint64_t memory_budget);
  ~FileEvidenceStore() override;
  std::uint64_t size() const;         // bytes written to the file so far
  std::uint64_t memory_size() const;  // bytes kept in memory

  bool store(std::size_t slot, const std::vector<DocumentEvidence>& evidence) override;
  bool load(std::size_t slot, std::vector<DocumentEvidence>& evidence) const override;

 private:
  static constexpr std::uint64_t kNoSize = static_cast<std::uint64_t>(-1);
  struct Slot {
    std::uint64_t offset = 0;
    std::uint64_t size = kNoSize;
    std::string bytes;  // kept in memory when not empty (a stored form never is)
  };
  FileEvidenceStore(int fd, std::size_t slots, std::uint64_t memory_budget)
      : fd_(fd), slots_(slots), memory_budget_(memory_budget) {}
  bool write_all(const char* data, std::size_t size, std::uint64_t offset);

  int fd_;
  mutable std::mutex mutex_;
  std::vector<Slot> slots_;
  std::uint64_t end_ = 0;
  std::uint64_t memory_budget_;
  std::uint64_t memory_used_ = 0;
};

}  // namespace indicheck::run_detail
