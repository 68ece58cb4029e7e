# libFuzzer targets (native builds only; include from CMakeLists.txt after tests.cmake): the
# share-link decoder, the CSV parser and the weights-JSON import. The main build may use g++, so
# clang++ (Debian) is called directly.
#   fuzz_share_link           the fuzzer (clang++ -fsanitize=fuzzer,address,undefined)
#   fuzz_share_link_short     CTest: a 30 s run; new inputs go to <build>/fuzz_work, never into
#                             the seed corpus tests/fuzz/corpus (libFuzzer writes to its first dir)
#   fuzz_share_link_corpus    rewrites the seed corpus (after a link format change)
# A long run by hand:  <build>/fuzz/fuzz_share_link -max_total_time=600 <build>/fuzz_work tests/fuzz/corpus
#   fuzz_csv / fuzz_csv_short           parse_csv on any bytes; seeds tests/fuzz/csv/corpus,
#                                       new inputs in <build>/fuzz_work_fuzz_csv
#   fuzz_weights / fuzz_weights_short   import_weights on any bytes (first byte: cell and number
#                                       type); seeds tests/fuzz/weights/corpus, new inputs in
#                                       <build>/fuzz_work_fuzz_weights, dictionary tests/fuzz/weights/weights.dict
#   fuzz_weights_corpus                 rewrites tests/fuzz/weights/corpus (after a weights format change)
# Long runs by hand:  <build>/fuzz/fuzz_csv -max_total_time=600 <build>/fuzz_work_fuzz_csv tests/fuzz/csv/corpus
#   <build>/fuzz/fuzz_weights -max_total_time=600 -dict=tests/fuzz/weights/weights.dict \
#     <build>/fuzz_work_fuzz_weights tests/fuzz/weights/corpus
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

# ---- CSV parser and weights import ----
set(LSTM_FUZZ_MODEL_SOURCES
  ${LSTM_FUZZ_ROOT}/core/io/weights_io.cpp ${LSTM_FUZZ_ROOT}/core/network/lstm_model.cpp
  ${LSTM_FUZZ_ROOT}/core/network/init.cpp ${LSTM_FUZZ_ROOT}/core/network/kernels_cell.cpp
  ${LSTM_FUZZ_ROOT}/core/network/kernels_gemm.cpp)
set(LSTM_FUZZ_MODEL_FLAGS -isystem /usr/include/eigen3 -isystem ${LSTM_HDR} -DEIGEN_MPL2_ONLY)

# lstm_add_fuzzer(<name> <main .cpp> <corpus dir> <extra flags> <sources...>): the fuzzer
# <build>/fuzz/<name>, target <name> and the 30 s CTest <name>_short (extra libFuzzer flags in
# <extra flags>, a ;-list).
function(lstm_add_fuzzer name main corpus extra)
  set(bin ${CMAKE_BINARY_DIR}/fuzz/${name})
  add_custom_command(OUTPUT ${bin}
    COMMAND ${LSTM_CLANGXX} ${LSTM_FUZZ_FLAGS} ${LSTM_FUZZ_MODEL_FLAGS}
            -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
            ${main} ${ARGN} -o ${bin}
    DEPENDS ${main} ${ARGN} ${LSTM_FUZZ_HEADERS}
    COMMENT "clang++ -fsanitize=fuzzer: ${name}" VERBATIM)
  add_custom_target(${name} ALL DEPENDS ${bin})
  file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz_work_${name})
  add_test(NAME ${name}_short
    COMMAND ${bin} -max_total_time=30 -max_len=16384 -timeout=10 -rss_limit_mb=2048 ${extra}
            -artifact_prefix=${CMAKE_BINARY_DIR}/fuzz_artifacts/${name}-
            ${CMAKE_BINARY_DIR}/fuzz_work_${name} ${corpus}
    WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
  set_tests_properties(${name}_short PROPERTIES TIMEOUT 120)
endfunction()

lstm_add_fuzzer(fuzz_csv ${LSTM_FUZZ_ROOT}/tests/fuzz/csv/fuzz_csv.cpp
  ${LSTM_FUZZ_ROOT}/tests/fuzz/csv/corpus "" ${LSTM_FUZZ_ROOT}/core/data/csv.cpp)
lstm_add_fuzzer(fuzz_weights ${LSTM_FUZZ_ROOT}/tests/fuzz/weights/fuzz_weights.cpp
  ${LSTM_FUZZ_ROOT}/tests/fuzz/weights/corpus
  "-dict=${LSTM_FUZZ_ROOT}/tests/fuzz/weights/weights.dict" ${LSTM_FUZZ_MODEL_SOURCES})

add_custom_target(fuzz_weights_corpus
  COMMAND ${LSTM_CLANGXX} ${LSTM_FUZZ_FLAGS} ${LSTM_FUZZ_MODEL_FLAGS}
          ${LSTM_FUZZ_ROOT}/tests/fuzz/weights/make_corpus.cpp ${LSTM_FUZZ_MODEL_SOURCES}
          -o ${CMAKE_BINARY_DIR}/fuzz/make_weights_corpus
  COMMAND ${CMAKE_BINARY_DIR}/fuzz/make_weights_corpus ${LSTM_FUZZ_ROOT}/tests/fuzz/weights/corpus
  COMMENT "Rewriting tests/fuzz/weights/corpus" VERBATIM)
