// Walking the one Config field list in tests: how many fields, and field `which` by visit order.
#pragma once
#include "config_fields.h"

namespace lstm {

// Calls set(f, x) on field `which` (visit order) of c.
template <class F>
void with_field(Config& c, int which, F&& set) {
  int i = 0;
  visit_fields(c, [&](const FieldInfo& f, auto& x) {
    if (i++ == which) set(f, x);
  });
}

inline int field_count() {
  Config c;
  int n = 0;
  visit_fields(c, [&](const FieldInfo&, auto&) { ++n; });
  return n;
}

}  // namespace lstm
