// Ranks with shared ties, peer groups, and Kendall's τ-b in O(n log n).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>

#include "indicheck/scoring.h"

namespace indicheck {

std::vector<int> rank_descending(std::span<const double> scores, double epsilon) {
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Stable so equal scores keep input order (ranks are equal anyway; output order is fixed).
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  std::vector<int> rank(scores.size(), 0);
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i > 0 && std::abs(scores[order[i - 1]] - scores[order[i]]) <= epsilon)
      rank[order[i]] = rank[order[i - 1]];  // a tie: share the previous rank
    else
      rank[order[i]] = static_cast<int>(i) + 1;  // competition ranking: 1, 2, 2, 4
  }
  return rank;
}

std::vector<GroupRank> rank_within_groups(std::span<const double> scores,
                                          const std::vector<std::string>& groups, double epsilon) {
  std::map<std::string, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < scores.size(); ++i)
    members[i < groups.size() ? groups[i] : std::string()].push_back(i);
  std::vector<GroupRank> out(scores.size());
  std::vector<double> sub;
  for (const auto& [group, idx] : members) {
    sub.clear();
    for (std::size_t i : idx) sub.push_back(scores[i]);
    const auto r = rank_descending(sub, epsilon);
    for (std::size_t k = 0; k < idx.size(); ++k)
      out[idx[k]] = GroupRank{r[k], static_cast<int>(idx.size())};
  }
  return out;
}

std::string peer_group(const UnitKey& key) {
  return fmt::format("{}|{}", key.level, key.year);
}
std::string province_group(const UnitKey& key) {
  return fmt::format("{}|{}", key.province, key.year);
}

namespace {

// Σ t(t-1)/2 over runs of equal values in a sorted sequence.
template <typename Equal>
std::int64_t tied_pairs(std::size_t n, Equal equal) {
  std::int64_t total = 0, run = 1;
  for (std::size_t i = 1; i <= n; ++i) {
    if (i < n && equal(i - 1, i)) {
      ++run;
    } else {
      total += run * (run - 1) / 2;
      run = 1;
    }
  }
  return total;
}

}  // namespace

// Knight (1966): sort by (a, b); count ties in a and joint ties; then a bottom-up merge sort by
// b counts the swaps, which are the discordant pairs; finally ties in b.
double kendall_tau_b(std::span<const double> a, std::span<const double> b) {
  const std::size_t n = std::min(a.size(), b.size());
  if (n < 2) return 1.0;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return a[x] < a[y] || (a[x] == a[y] && b[x] < b[y]);
  });
  std::vector<double> xa(n), xb(n);
  for (std::size_t i = 0; i < n; ++i) {
    xa[i] = a[order[i]];
    xb[i] = b[order[i]];
  }
  const std::int64_t ties_a =
      tied_pairs(n, [&](std::size_t i, std::size_t j) { return xa[i] == xa[j]; });
  const std::int64_t ties_joint =
      tied_pairs(n, [&](std::size_t i, std::size_t j) { return xa[i] == xa[j] && xb[i] == xb[j]; });
  // Bottom-up merge sort of xb counting strict inversions (no recursion).
  std::int64_t swaps = 0;
  std::vector<double> buffer(n);
  for (std::size_t width = 1; width < n; width *= 2) {
    for (std::size_t lo = 0; lo < n; lo += 2 * width) {
      const std::size_t mid = std::min(lo + width, n), hi = std::min(lo + 2 * width, n);
      std::size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        if (xb[j] < xb[i]) {
          swaps += static_cast<std::int64_t>(mid - i);
          buffer[k++] = xb[j++];
        } else {
          buffer[k++] = xb[i++];
        }
      }
      while (i < mid) buffer[k++] = xb[i++];
      while (j < hi) buffer[k++] = xb[j++];
    }
    xb.swap(buffer);
  }
  const std::int64_t ties_b =
      tied_pairs(n, [&](std::size_t i, std::size_t j) { return xb[i] == xb[j]; });
  const std::int64_t pairs = static_cast<std::int64_t>(n) * static_cast<std::int64_t>(n - 1) / 2;
  const double denominator = std::sqrt(static_cast<double>(pairs - ties_a)) *
                             std::sqrt(static_cast<double>(pairs - ties_b));
  if (denominator <= 0) return 0.0;
  const double numerator = static_cast<double>(pairs - ties_a - ties_b + ties_joint - 2 * swaps);
  return std::clamp(numerator / denominator, -1.0, 1.0);
}

}  // namespace indicheck
