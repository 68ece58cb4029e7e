// Shared by the numeric tests: PyTorch fixture loading and tolerance checks that print the
// worst error. Tolerance is atol + rtol * |ref| per entry.
#pragma once
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lstm_model.h"

namespace golden {

// Fixtures come from tools/make_golden.py (CTest runs it before the suite). A missing fixture
// is a failure, never a skip.
inline nlohmann::json load(const std::string& name) {
  const std::string path = std::string(LSTM_GOLDEN_DIR) + "/" + name + ".json";
  std::ifstream in(path);
  INFO("missing fixture " << path << ": run /usr/bin/python3 tools/make_golden.py "
                          << LSTM_GOLDEN_DIR);
  REQUIRE(in.good());
  nlohmann::json doc = nlohmann::json::parse(in, nullptr, false);
  REQUIRE_FALSE(doc.is_discarded());
  return doc;
}

template <typename S>
std::vector<S> flat(const nlohmann::json& arr) {
  std::vector<S> v;
  for (const auto& x : arr) v.push_back(S(x.get<double>()));
  return v;
}

struct Errors {
  double max_abs = 0.0;  // max |got - ref|
  double worst = 0.0;    // max |got - ref| / (atol + rtol |ref|); <= 1 passes
  int at = -1;           // index of the worst entry
};

template <typename A, typename B>
Errors compare(const A* got, const B* ref, int n, double atol, double rtol) {
  Errors e;
  for (int k = 0; k < n; ++k) {
    const double d = std::abs(double(got[k]) - double(ref[k]));
    const double r = std::isfinite(d) ? d / (atol + rtol * std::abs(double(ref[k]))) : INFINITY;
    e.max_abs = std::max(e.max_abs, d);
    if (!(r <= e.worst)) {
      e.worst = r;
      e.at = k;
    }
  }
  return e;
}

// CHECKs got against ref and prints the max error of the tensor.
template <typename A, typename B>
void check_close(const std::string& what, const A* got, const B* ref, int n, double atol,
                 double rtol) {
  const Errors e = compare(got, ref, n, atol, rtol);
  MESSAGE(what << ": max abs err " << e.max_abs << ", worst err/tol " << e.worst << " (n=" << n
               << ")");
  INFO(what << " worst entry " << e.at << ": got " << (e.at >= 0 ? double(got[e.at]) : 0.0)
            << ", ref " << (e.at >= 0 ? double(ref[e.at]) : 0.0));
  CHECK(e.worst <= 1.0);
}

// How often the last forward visited each side of the kinks: gate values exactly 0 or 1 are on
// hard_sigmoid's flat sides; candidate values (the activation's output: LSTM g, GRU n,
// SimpleRNN h) exactly 0 on relu's.
struct KinkSides {
  int gate_flat = 0, gate_linear = 0, cand_zero = 0, cand_positive = 0;
};

template <typename S>
KinkSides kink_sides(const lstm::LstmModel<S>& m) {
  KinkSides k;
  const lstm::CellKind cell = m.cell();
  const int candidate = cell == lstm::CellKind::SimpleRnn ? 0 : 2;
  for (int l = 0; l < m.n_layers(); ++l) {
    std::vector<S> q(size_t(m.steps()) * m.units(l));  // (T, u)
    for (int b = 0; b < m.batch(); ++b) {
      for (int qi = 0; qi < lstm::trace_count(cell); ++qi) {
        if (!lstm::trace_quantity(cell, qi).gate) continue;
        m.trace(l, b, qi, q.data());
        for (S v : q) (v == S(0) || v == S(1) ? k.gate_flat : k.gate_linear)++;
      }
      m.trace(l, b, candidate, q.data());
      for (S v : q) (v == S(0) ? k.cand_zero : k.cand_positive)++;
    }
  }
  return k;
}

}  // namespace golden
