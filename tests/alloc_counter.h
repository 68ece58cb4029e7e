// Counts heap allocations made while a CountAllocations object is alive. glibc builds interpose
// malloc/calloc/realloc, which also catches operator new and Eigen's buffers; other builds
// (wasm) count operator new only, so the glibc build is the strict one.
#pragma once

struct CountAllocations {
  CountAllocations();
  ~CountAllocations();
  long count() const;
};
