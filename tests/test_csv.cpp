// CSV parsing of pasted text: detection, column choice, skipped rows, quoting, garbage.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "csv.h"
#include "init.h"

#include "data_fixtures.h"

using namespace lstm;
using lstm_test::has_message;

namespace {


std::string all_messages(const CsvResult& r) {
  std::string s;
  for (const std::string& m : r.messages) s += m + "\n";
  return s;
}

}  // namespace

TEST_CASE("csv: comma separated with a header") {
  const CsvResult r = parse_csv("t,value\n1,10.5\n2,-20\n3,3e2\n");
  REQUIRE_MESSAGE(r.ok(), r.error);
  CHECK(r.separator == ',');
  CHECK(r.has_header);
  CHECK(r.series.names == std::vector<std::string>{"t", "value"});
  CHECK(r.series.columns[1] == std::vector<float>{10.5f, -20.f, 300.f});
  CHECK(r.messages.empty());
  CHECK(r.rows_kept == 3);
}

TEST_CASE("csv: separator detection") {
  SUBCASE("semicolon") {
    const CsvResult r = parse_csv("a;b;c\n1;2;3\n4;5;6\n");
    CHECK(r.separator == ';');
    CHECK(r.series.width() == 3);
  }
  SUBCASE("tab") {
    const CsvResult r = parse_csv("1\t2\n3\t4\n");
    CHECK(r.separator == '\t');
    CHECK_FALSE(r.has_header);
    CHECK(r.series.columns[1] == std::vector<float>{2, 4});
  }
  SUBCASE("whitespace runs") {
    const CsvResult r = parse_csv("  1   2\n3 4  \n 5\t 6\n");
    CHECK(r.separator == ' ');
    REQUIRE(r.series.width() == 2);
    CHECK(r.series.columns[0] == std::vector<float>{1, 3, 5});
    CHECK(r.series.columns[1] == std::vector<float>{2, 4, 6});
  }
  SUBCASE("comma with spaces after it") {
    const CsvResult r = parse_csv("x, y\n1, 2\n3, 4\n");
    CHECK(r.separator == ',');
    CHECK(r.series.names == std::vector<std::string>{"x", "y"});
  }
  SUBCASE("a single column") {
    const CsvResult r = parse_csv("112\n118\n132\n");
    CHECK_FALSE(r.has_header);
    CHECK(r.series.names == std::vector<std::string>{"col1"});
    CHECK(r.series.columns[0] == std::vector<float>{112, 118, 132});
  }
  SUBCASE("forced separator and header") {
    CsvOptions o;
    o.separator = ';';
    o.header = 0;
    const CsvResult r = parse_csv("1;2\n3;4\n", o);
    CHECK(r.series.width() == 2);
    CHECK(r.rows_kept == 2);
  }
}

TEST_CASE("csv: header detection") {
  CHECK_FALSE(parse_csv("1,2\n3,4\n").has_header);
  CHECK(parse_csv("Passengers\n112\n118\n").has_header);
  const CsvResult r = parse_csv(",value\n0,1\n1,2\n");  // pandas index column: empty name
  CHECK(r.has_header);
  CHECK(r.series.names == std::vector<std::string>{"col1", "value"});
  const CsvResult dup = parse_csv("v,v\n1,2\n");
  CHECK(dup.series.names == std::vector<std::string>{"v", "v_2"});
}

TEST_CASE("csv: a date column is skipped with a message") {
  const CsvResult r = parse_csv("Month,Passengers\n1949-01,112\n1949-02,118\n1949-03,132\n");
  REQUIRE_MESSAGE(r.ok(), r.error);
  CHECK(r.series.names == std::vector<std::string>{"Passengers"});
  CHECK(r.series.columns[0] == std::vector<float>{112, 118, 132});
  CHECK(has_message(r, "'Month' is not numeric"));
  CHECK(r.file_columns == std::vector<std::string>{"Month", "Passengers"});
  CHECK(r.numeric == std::vector<bool>{false, true});
}

TEST_CASE("csv: rows with missing or non-numeric cells are skipped by line number") {
  const CsvResult r = parse_csv("a,b\n1,2\n3,\n\n5,6\nx,7\n8\n9,10\n");
  REQUIRE_MESSAGE(r.ok(), r.error);
  CHECK(r.series.columns[0] == std::vector<float>{1, 5, 9});
  CHECK(r.series.columns[1] == std::vector<float>{2, 6, 10});
  CHECK(r.rows_skipped == 3);
  INFO(all_messages(r));
  CHECK(has_message(r, "2 row(s) with missing cells: lines 3, 7."));
  CHECK(has_message(r, "1 row(s) with non-numeric cells: line 6."));
}

TEST_CASE("csv: many skipped lines are summarised") {
  std::string text = "v\n";
  for (int i = 0; i < 500; ++i) text += (i % 4 == 0 && i < 300) ? "oops\n" : "1\n";
  const CsvResult r = parse_csv(text);
  REQUIRE(r.ok());
  CHECK(r.rows_kept == 425);
  REQUIRE(r.messages.size() == 1);
  INFO(r.messages[0]);
  CHECK(r.messages[0].find("Skipped 75 row(s)") == 0);
  CHECK(r.messages[0].find("lines 2, 6, 10, 14, 18, 22 and 69 more") != std::string::npos);
  CHECK(r.messages[0].size() < 160);
  CHECK(summarize_lines({3, 4, 5, 9, 12, 13}, 6) == "lines 3-5, 9, 12-13");
  CHECK(summarize_lines({7}, 1) == "line 7");
}

TEST_CASE("csv: quoted fields") {
  const CsvResult r =
      parse_csv("\"name, with comma\",\"say \"\"hi\"\"\"\n\"1\",\"2.5\"\n\" 3 \",4\n");
  REQUIRE_MESSAGE(r.ok(), r.error);
  CHECK(r.separator == ',');
  CHECK(r.series.names == std::vector<std::string>{"name, with comma", "say \"hi\""});
  CHECK(r.series.columns[0] == std::vector<float>{1, 3});
  CHECK(r.series.columns[1] == std::vector<float>{2.5f, 4});
}

TEST_CASE("csv: CRLF, BOM, lone CR and trailing empty lines") {
  const CsvResult r = parse_csv(
      "\xEF\xBB\xBF"
      "a,b\r\n1,2\r\n3,4\r\n\r\n\r\n   \n");
  REQUIRE_MESSAGE(r.ok(), r.error);
  CHECK(r.series.names == std::vector<std::string>{"a", "b"});
  CHECK(r.series.columns[1] == std::vector<float>{2, 4});
  CHECK(r.messages.empty());
  const CsvResult cr = parse_csv("a\r1\r2\r");
  CHECK(cr.series.columns[0] == std::vector<float>{1, 2});
}

TEST_CASE("csv: NaN and Inf cells are reported") {
  const std::string text = "a,b\n1,1\nnan,2\n3,3\n4,inf\n5,-Infinity\n";
  const CsvResult dropped = parse_csv(text);
  REQUIRE(dropped.ok());
  CHECK(dropped.series.columns[0] == std::vector<float>{1, 3});
  CHECK(has_message(dropped, "3 row(s) hold NaN or Inf values (lines 3, 5-6); skipped."));

  CsvOptions keep;
  keep.drop_non_finite_rows = false;
  const CsvResult kept = parse_csv(text, keep);
  REQUIRE(kept.ok());
  REQUIRE(kept.rows_kept == 5);
  CHECK(std::isnan(kept.series.columns[0][1]));
  CHECK(std::isinf(kept.series.columns[1][3]));
  CHECK(has_message(kept, "; kept."));
}

TEST_CASE("csv: missing-value tokens count as missing, not as text") {
  const CsvResult r = parse_csv("a,b\n1,NA\n2,3\n4,null\n5,6\n");
  REQUIRE(r.ok());
  CHECK(r.series.width() == 2);  // b stays numeric
  CHECK(r.series.columns[1] == std::vector<float>{3, 6});
  CHECK(has_message(r, "missing cells: lines 2, 4"));
}

TEST_CASE("csv: choosing columns by name and index") {
  const std::string text = "date,x,y,z\n2020,1,2,3\n2021,4,5,6\n";
  CsvOptions o;
  o.column_names = {"z", "nope"};
  o.column_indexes = {1, 9, 0};
  const CsvResult r = parse_csv(text, o);
  REQUIRE_MESSAGE(r.ok(), r.error);
  CHECK(r.series.names == std::vector<std::string>{"z", "x", "date"});  // 2020, 2021 are numbers
  CHECK(has_message(r, "No column named 'nope'"));
  CHECK(has_message(r, "Column index 9 is out of range"));

  CsvOptions bad;
  bad.column_names = {"missing"};
  const CsvResult none = parse_csv(text, bad);
  CHECK_FALSE(none.ok());
  CHECK(none.error.find("chosen columns") != std::string::npos);

  CsvOptions text_col;
  text_col.column_indexes = {0, 1};
  const CsvResult t = parse_csv("name,v\nann,1\nbob,2\n", text_col);
  CHECK(t.series.names == std::vector<std::string>{"v"});
  CHECK(has_message(t, "'name' is not numeric ('ann' on line 2)"));
}

TEST_CASE("csv: unusable input gives an error, never a crash") {
  const char* cases[] = {"",
                         "\n\n\n",
                         "a,b,c\n",
                         "\"\"\"",
                         ",,,,\n,,,\n",
                         "hello world\nfoo bar\n",
                         "#comment only\n",
                         "\"unterminated,1\n2,3"};
  for (const char* text : cases) {
    CAPTURE(text);
    const CsvResult r = parse_csv(text);
    if (r.ok()) {
      CHECK(r.series.length() > 0);
    } else {
      CHECK_FALSE(r.error.empty());
      CHECK(r.series.length() == 0);
    }
  }
  CHECK_FALSE(parse_csv("").ok());
  CHECK_FALSE(parse_csv("a,b,c\n").ok());
  CHECK_FALSE(parse_csv("hello world\nfoo bar\n").ok());
}

TEST_CASE("csv: random bytes and huge rows stay bounded") {
  Rng rng(42);
  const std::string alphabet = "0123456789.,;\t \"\r\n-+eEnaNifx#";
  for (int trial = 0; trial < 200; ++trial) {
    const int n = static_cast<int>(rng.below(400));
    std::string text(n, ' ');
    for (char& c : text)
      c = trial % 2 ? static_cast<char>(rng.below(256))
                    : alphabet[rng.below(static_cast<uint32_t>(alphabet.size()))];
    const CsvResult r = parse_csv(text);
    CHECK((r.ok() ? r.series.length() > 0 : !r.error.empty()));
    for (const auto& col : r.series.columns)
      CHECK(static_cast<int>(col.size()) == r.series.length());
  }
  CsvOptions o;
  o.max_columns = 8;
  o.max_rows = 3;
  std::string wide;
  for (int i = 0; i < 6; ++i) wide += std::to_string(i) + std::string(1000, ',') + "\n";
  const CsvResult w = parse_csv(wide, o);
  CHECK(w.rows_kept == 3);
  CHECK(has_message(w, "Only the first 3 rows"));
  CHECK(has_message(w, "Extra cells beyond column 8"));
  CHECK(w.file_columns.size() == 8);
  CsvOptions small;
  small.max_bytes = 7;
  const CsvResult cut = parse_csv("1\n2\n3\n45\n6\n", small);  // "45" is cut, not read as 4
  CHECK(cut.series.columns[0] == std::vector<float>{1, 2, 3});
  CHECK(has_message(cut, "Only the first 7 bytes were read."));
}
