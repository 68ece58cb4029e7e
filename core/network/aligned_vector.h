// Buffers the maths runs over are aligned to Eigen's largest packet (64 bytes with AVX-512).
// Vectorised loops and reductions peel according to the address, so with malloc's alignment the
// rounding - and a shared link's loss curve - would depend on where the heap put a buffer.
#pragma once
#include <Eigen/Core>
#include <vector>

namespace lstm {
template <typename T>
using AlignedVector = std::vector<T, Eigen::aligned_allocator<T>>;
}  // namespace lstm
