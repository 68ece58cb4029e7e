# libFuzzer target for the share-link decoder (native builds only; include from CMakeLists.txt
# after tests.cmake). The main build may use g++, so clang++ (Debian) is called directly.
#   fuzz_share_link           the fuzzer (clang++ -fsanitize=fuzzer,address,undefined)
#   fuzz_share_link_short     CTest: a 30 s run; new inputs go to <build>/fuzz_work, never into
#                             the seed corpus tests/fuzz/corpus (libFuzzer writes to its first dir)
#   fuzz_share_link_corpus    rewrites the seed corpus (after a link format change)
# A long run by hand:  <build>/fuzz/fuzz_share_link -max_total_time=600 <build>/fuzz_work tests/fuzz/corpus
if(EMSCRIPTEN)
  return()
endif()
find_program(LSTM_CLANGXX NAMES clang++ clang++-14 PATHS /usr/bin)
if(NOT LSTM_CLANGXX)
  message(STATUS "clang++ not found: no fuzz_share_link target")
  return()
endif()

get_filename_component(LSTM_FUZZ_ROOT ${CMAKE_CURRENT_LIST_DIR}/.. ABSOLUTE)
set(LSTM_FUZZ_SOURCES
  ${LSTM_FUZZ_ROOT}/core/io/share_link.cpp ${LSTM_FUZZ_ROOT}/core/io/share_state.cpp
  ${LSTM_FUZZ_ROOT}/core/data/presets.cpp ${LSTM_FUZZ_ROOT}/core/data/windows.cpp
  ${LSTM_FUZZ_ROOT}/core/network/init.cpp)
file(GLOB LSTM_FUZZ_HEADERS CONFIGURE_DEPENDS ${LSTM_FUZZ_ROOT}/core/*.h ${LSTM_FUZZ_ROOT}/core/*/*.h)
set(LSTM_FUZZ_FLAGS -std=c++17 -O1 -g -fno-omit-frame-pointer -I${LSTM_FUZZ_ROOT}/core
    -I${LSTM_FUZZ_ROOT}/core/network -I${LSTM_FUZZ_ROOT}/core/data -I${LSTM_FUZZ_ROOT}/core/io
    -I${LSTM_FUZZ_ROOT}/core/training)
set(LSTM_FUZZ_BIN ${CMAKE_BINARY_DIR}/fuzz/fuzz_share_link)  # not beside the target of that name

add_custom_command(OUTPUT ${LSTM_FUZZ_BIN}
  COMMAND ${LSTM_CLANGXX} ${LSTM_FUZZ_FLAGS}
          -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
          ${LSTM_FUZZ_ROOT}/tests/fuzz/fuzz_share_link.cpp ${LSTM_FUZZ_SOURCES} -o ${LSTM_FUZZ_BIN}
  DEPENDS ${LSTM_FUZZ_ROOT}/tests/fuzz/fuzz_share_link.cpp ${LSTM_FUZZ_SOURCES} ${LSTM_FUZZ_HEADERS}
  COMMENT "clang++ -fsanitize=fuzzer: fuzz_share_link" VERBATIM)
add_custom_target(fuzz_share_link ALL DEPENDS ${LSTM_FUZZ_BIN})

add_custom_target(fuzz_share_link_corpus
  COMMAND ${LSTM_CLANGXX} ${LSTM_FUZZ_FLAGS} ${LSTM_FUZZ_ROOT}/tests/fuzz/make_corpus.cpp
          ${LSTM_FUZZ_SOURCES} -o ${CMAKE_BINARY_DIR}/fuzz/make_link_corpus
  COMMAND ${CMAKE_BINARY_DIR}/fuzz/make_link_corpus ${LSTM_FUZZ_ROOT}/tests/fuzz/corpus
  COMMENT "Rewriting tests/fuzz/corpus" VERBATIM)

file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz ${CMAKE_BINARY_DIR}/fuzz_work ${CMAKE_BINARY_DIR}/fuzz_artifacts)
add_test(NAME fuzz_share_link_short
  COMMAND ${LSTM_FUZZ_BIN} -max_total_time=30 -max_len=16384 -timeout=10 -rss_limit_mb=2048
          -artifact_prefix=${CMAKE_BINARY_DIR}/fuzz_artifacts/
          ${CMAKE_BINARY_DIR}/fuzz_work ${LSTM_FUZZ_ROOT}/tests/fuzz/corpus
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
set_tests_properties(fuzz_share_link_short PROPERTIES TIMEOUT 120)
