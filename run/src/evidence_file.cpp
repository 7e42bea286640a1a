#include "evidence_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace indicheck::run_detail {

std::shared_ptr<FileEvidenceStore> FileEvidenceStore::open(const std::string& dir,
                                                           std::size_t slots,
                                                           std::uint64_t memory_budget) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  int fd = -1;
#ifdef O_TMPFILE
  fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
  if (fd < 0) {
    std::string name = (std::filesystem::path(dir) / ".indicheck-evidence-XXXXXX").string();
    fd = ::mkstemp(name.data());
    if (fd >= 0) ::unlink(name.c_str());
  }
  if (fd < 0) return nullptr;
  return std::shared_ptr<FileEvidenceStore>(new FileEvidenceStore(fd, slots, memory_budget));
}

FileEvidenceStore::~FileEvidenceStore() {
  ::close(fd_);
}

std::uint64_t FileEvidenceStore::size() const {
  std::lock_guard lock(mutex_);
  return end_;
}

std::uint64_t FileEvidenceStore::memory_size() const {
  std::lock_guard lock(mutex_);
  return memory_used_;
}

bool FileEvidenceStore::store(std::size_t slot, const std::vector<DocumentEvidence>& evidence) {
  std::string bytes = serialize_evidence(evidence);
  std::uint64_t offset = 0;
  {
    std::lock_guard lock(mutex_);
    if (slot >= slots_.size()) return false;
    if (memory_used_ + bytes.size() <= memory_budget_) {
      memory_used_ += bytes.size();
      slots_[slot].bytes = std::move(bytes);
      return true;
    }
    offset = end_;
    end_ += bytes.size();
    slots_[slot].offset = offset;
    slots_[slot].size = bytes.size();
  }
  return write_all(bytes.data(), bytes.size(), offset);
}

bool FileEvidenceStore::load(std::size_t slot, std::vector<DocumentEvidence>& evidence) const {
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
  const std::string* kept = nullptr;
  {
    std::lock_guard lock(mutex_);
    if (slot >= slots_.size()) return false;
    if (!slots_[slot].bytes.empty()) {
      kept = &slots_[slot].bytes;
    } else {
      if (slots_[slot].size == kNoSize) return false;
      offset = slots_[slot].offset;
      size = slots_[slot].size;
    }
  }
  // Each slot is stored once, before the first load: its bytes stay where they are while
  // several rendering threads read them.
  if (kept) return deserialize_evidence(*kept, evidence);
  std::string bytes(size, '\0');
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n =
        ::pread(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return deserialize_evidence(bytes, evidence);
}

bool FileEvidenceStore::write_all(const char* data, std::size_t size, std::uint64_t offset) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::pwrite(fd_, data + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace indicheck::run_detail
