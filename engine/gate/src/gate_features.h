// Private: the gate's feature extraction (see features.cpp).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace indicheck::gate_detail {

inline constexpr std::uint32_t kHashBits = 18;
inline constexpr std::uint32_t kHashBuckets = 1u << kHashBits;
inline constexpr std::uint32_t kDenseCount = 15;
inline constexpr std::uint32_t kDimension = kHashBuckets + kDenseCount;

// Sorted, unique feature indices of a normalized sentence.
std::vector<std::uint32_t> sentence_features(std::string_view sentence);

}  // namespace indicheck::gate_detail
