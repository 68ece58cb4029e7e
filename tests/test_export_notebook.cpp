// Notebook export: nbformat 4 structure (the seven sections in order, code cells without outputs,
// unique ids), the fitted values it embeds (trend, scaler, season, lag, window counts, rollout
// length) read back exactly, the PyTorch model part shared with the script, determinism. That
// the executed notebook prints the C++ forecast and metrics is tests/cli/notebook_test.mjs.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "export_csv.h"
#include "export_notebook.h"
#include "export_scripts.h"
#include "trainer.h"
#include "windows.h"

using namespace lstm;
using nlohmann::json;

namespace {

// Monthly sales with a trend and a season of 12 whose amplitude grows: what log, detrend and
// seasonal differencing are for.
Series sales(int n) {
  Series s;
  std::vector<float> y(static_cast<size_t>(n));
  for (int t = 0; t < n; ++t) y[t] = float((100.0 + 2.0 * t) * (1.0 + 0.2 * std::sin(2 * 3.141592653589793 * t / 12)));
  s.add("sales", y);
  return s;
}

std::string joined(const json& cell) {
  std::string s;
  for (const json& line : cell["source"]) s += line.get<std::string>();
  return s;
}

// The number after "NAME = " in text, parsed as Python would.
double value_after(const std::string& text, const std::string& name) {
  const size_t p = text.find(name + " = ");
  REQUIRE(p != std::string::npos);
  return std::strtod(text.c_str() + p + name.size() + 3, nullptr);
}

}  // namespace

TEST_CASE("export_notebook: seven sections, the fitted transforms and scaler, no outputs") {
  Config c;
  c.data = data_config(WindowSetup::Univariate, 12, {0}, {0});
  c.data.log = true;
  c.data.detrend = true;
  c.data.difference = Difference::Seasonal;
  c.data.test_split = 0.2f;
  c.model.units = {{5, 4, 4, 4}};
  Trainer t;
  REQUIRE(t.setup(c, sales(150)) == "");
  const Dataset& d = t.dataset();
  REQUIRE(d.season == 12);

  const std::string text = export_notebook(t, 9, "CSV: sales.csv");
  CHECK(export_notebook(t, 9, "CSV: sales.csv") == text);
  const json nb = json::parse(text);
  CHECK(nb["nbformat"] == 4);
  CHECK(nb["nbformat_minor"] == 5);
  CHECK(nb["metadata"]["kernelspec"]["name"] == "python3");

  std::string code, headings;
  std::set<std::string> ids;
  for (const json& cell : nb["cells"]) {
    ids.insert(cell["id"].get<std::string>());
    if (cell["cell_type"] == "code") {
      CHECK(cell["outputs"].empty());
      CHECK(cell["execution_count"].is_null());
      code += joined(cell) + "\n";
    } else {
      const std::string md = joined(cell);
      if (md.rfind("## ", 0) == 0) headings += md.substr(3, 2);
    }
  }
  CHECK(ids.size() == nb["cells"].size());
  CHECK(headings == "1.2.3.4.5.6.7.");

  CHECK(code.find("SOURCE = \"CSV: sales.csv\"") != std::string::npos);
  CHECK(code.find("LOG = True") != std::string::npos);
  CHECK(code.find("DETREND = True") != std::string::npos);
  CHECK(value_after(code, "SEASON") == 12);
  CHECK(value_after(code, "LAG") == 12);
  CHECK(value_after(code, "TRAIN_ROWS") == d.train_rows);
  CHECK(value_after(code, "FORECAST_STEPS") == 9);
  CHECK(value_after(code, "LOOK_BACK") == 12);
  // Fitted values read back to the same double.
  const size_t trend = code.find("TREND = {\"sales\": (");
  char* end = nullptr;
  const double a = std::strtod(code.c_str() + trend + 19, &end);
  const double b = std::strtod(end + 2, nullptr);
  CHECK(a == d.transform.trend_a[0]);
  CHECK(b == d.transform.trend_b[0]);
  const size_t off = code.find("OFFSET = {\"sales\": ");
  REQUIRE(off != std::string::npos);
  CHECK(std::strtod(code.c_str() + off + 19, nullptr) == d.scaler.offset[0]);
  const size_t sc = code.find("SCALE = {\"sales\": ");
  REQUIRE(sc != std::string::npos);
  CHECK(std::strtod(code.c_str() + sc + 18, nullptr) == d.scaler.scale[0]);

  const Split& s = d.windows.split;
  const std::string counts = std::to_string(d.windows.n) + ", " + std::to_string(s.n_train) + ", " +
                             std::to_string(s.n_val) + ", " + std::to_string(s.n_test);
  CHECK(s.n_test > 0);
  CHECK(code.find("== (" + counts + ")") != std::string::npos);
  // Every value of the series, in order.
  const size_t series = code.find("np.array([");
  REQUIRE(series != std::string::npos);
  const float* y = t.series().columns[0].data();
  size_t at = series;
  for (int r = 0; r < t.series().length(); ++r) {
    at = code.find(float_text(y[r]) + ",", at);
    REQUIRE(at != std::string::npos);
  }
  // The model part is the PyTorch script's, not a copy that could drift.
  CHECK(code.find(pytorch_model_section(t)) != std::string::npos);
  CHECK(code.find("FORECAST_JSON") != std::string::npos);
  CHECK(code.find("METRICS_JSON") != std::string::npos);
}

TEST_CASE("export_notebook: no transform, no source") {
  Config c;
  c.data = data_config(WindowSetup::Univariate, 5, {0}, {0});
  c.model.units = {{3, 4, 4, 4}};
  Trainer t;
  REQUIRE(t.setup(c, sales(40)) == "");
  const std::string code = export_notebook(t, 0);
  CHECK(code.find("LOG = False") != std::string::npos);
  CHECK(code.find("DETREND = False") != std::string::npos);
  CHECK(code.find("TREND = {}") != std::string::npos);
  CHECK(code.find("LAG = 0") != std::string::npos);
  CHECK(code.find("FORECAST_STEPS = 0") != std::string::npos);
  CHECK(code.find("SOURCE = \\\"LSTM Playground\\\"") != std::string::npos);  // JSON-escaped
}
