# doctest suite: every tests/test_*.cpp, built natively and to wasm (run under node).
enable_testing()
file(GLOB LSTM_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/test_*.cpp)
add_executable(lstm_tests ${CMAKE_SOURCE_DIR}/tests/doctest_main.cpp
  ${CMAKE_SOURCE_DIR}/tests/alloc_counter.cpp ${LSTM_TEST_SOURCES})
target_link_libraries(lstm_tests PRIVATE lstm_session)
# The CLI's flag parser is tested against the field list (tests/test_config_fields.cpp).
target_sources(lstm_tests PRIVATE ${CMAKE_SOURCE_DIR}/cli/cli_args.cpp)
target_include_directories(lstm_tests PRIVATE ${CMAKE_SOURCE_DIR}/tests ${CMAKE_SOURCE_DIR}/cli)
# Golden tensors are written at test time by tools/make_golden.py (Debian python3-torch) into
# <build>/golden; the suite reads them from there (under node through NODERAWFS).
target_compile_definitions(lstm_tests PRIVATE LSTM_GOLDEN_DIR="${CMAKE_BINARY_DIR}/golden"
  LSTM_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
if(EMSCRIPTEN)
  target_link_options(lstm_tests PRIVATE -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1
    -sTOTAL_STACK=4194304)
endif()

# add_doctest_suite(<name> <build dir> <command...>): fixtures first, then the suite.
function(add_doctest_suite name dir)
  add_test(NAME ${name} COMMAND ${ARGN} WORKING_DIRECTORY ${dir})
  set_tests_properties(${name} PROPERTIES TIMEOUT 1200)
  if(EXISTS ${CMAKE_SOURCE_DIR}/tools/make_golden.py)
    add_test(NAME ${name}_golden
      COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/tools/make_golden.py ${dir}/golden)
    set_tests_properties(${name}_golden PROPERTIES FIXTURES_SETUP ${name}_golden TIMEOUT 300)
    set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED ${name}_golden)
  endif()
endfunction()

if(EMSCRIPTEN)
  add_doctest_suite(wasm_doctest ${CMAKE_BINARY_DIR} node --no-experimental-fetch lstm_tests.js)
else()
  add_doctest_suite(native_doctest ${CMAKE_BINARY_DIR} $<TARGET_FILE:lstm_tests>)
  if(LSTM_WEB_BUILD_DIR)
    # One CTest summary for everything: the native tree also runs the web build's suites.
    add_doctest_suite(wasm_doctest ${LSTM_WEB_BUILD_DIR} node --no-experimental-fetch lstm_tests.js)
    # One CTest entry per browser suite (tests/e2e/run.mjs runs the one E2E_ONLY names and
    # fails on a name it does not know), so each has its own time limit and result.
    set(LSTM_E2E_SUITES smoke train_drawn csv_and_errors share_link worker_run limits input_and_idle
        compare_memory forecasting autosave embed_dist phone_touch fonts notebook_export)
    string(REPLACE ";" "," suites_csv "${LSTM_E2E_SUITES}")
    add_test(NAME e2e_suite_list
      COMMAND node ${CMAKE_SOURCE_DIR}/tests/e2e/run.mjs ${LSTM_WEB_BUILD_DIR} --expect ${suites_csv})
    foreach(suite ${LSTM_E2E_SUITES})
      add_test(NAME e2e_${suite}
        COMMAND node ${CMAKE_SOURCE_DIR}/tests/e2e/run.mjs ${LSTM_WEB_BUILD_DIR}
        WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
      # the forecasting suite checks that lstm-cli gives the page's figures
      set_tests_properties(e2e_${suite} PROPERTIES TIMEOUT 600
        ENVIRONMENT "E2E_ONLY=${suite};LSTM_CLI=$<$<TARGET_EXISTS:lstm-cli>:$<TARGET_FILE:lstm-cli>>")
    endforeach()
  endif()
  if(TARGET lstm-cli)
    add_test(NAME cli COMMAND node ${CMAKE_SOURCE_DIR}/tests/cli/cli_test.mjs $<TARGET_FILE:lstm-cli>)
    set_tests_properties(cli PROPERTIES TIMEOUT 900)
    # The exported PyTorch script, run by Debian's python3-torch, forecasts what lstm-cli does.
    add_test(NAME cli_exports
      COMMAND node ${CMAKE_SOURCE_DIR}/tests/cli/export_test.mjs $<TARGET_FILE:lstm-cli>)
    set_tests_properties(cli_exports PROPERTIES TIMEOUT 600)
    # The TensorFlow.js export, loaded by npm's @tensorflow/tfjs (tf.loadLayersModel), and the
    # Keras script's layers rebuilt in tfjs predict what lstm-cli does (1e-5 relative).
    add_test(NAME cli_tfjs
      COMMAND node ${CMAKE_SOURCE_DIR}/tests/cli/tfjs_test.mjs $<TARGET_FILE:lstm-cli>
      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
    set_tests_properties(cli_tfjs PROPERTIES TIMEOUT 300)
    # The ONNX export, run by npm's onnxruntime-node, predicts what lstm-cli does (1e-5 relative);
    # Debian's python3-onnx checks the files.
    add_test(NAME cli_onnx
      COMMAND node ${CMAKE_SOURCE_DIR}/tests/cli/onnx_test.mjs $<TARGET_FILE:lstm-cli>)
    set_tests_properties(cli_onnx PROPERTIES TIMEOUT 300)
    # The exported notebook, executed by Debian's jupyter-nbconvert (python3-torch, matplotlib),
    # prints lstm-cli's forecast and evaluation (1e-4 relative) and draws the plot.
    add_test(NAME cli_notebook
      COMMAND node ${CMAKE_SOURCE_DIR}/tests/cli/notebook_test.mjs $<TARGET_FILE:lstm-cli>)
    set_tests_properties(cli_notebook PROPERTIES TIMEOUT 300)
  endif()
  if(TARGET lstm-playground)
    # The native app opens a real window under Xvfb, draws 30 frames and saves a screenshot.
    add_test(NAME native_app_smoke
      COMMAND node ${CMAKE_SOURCE_DIR}/tests/e2e/native_smoke.mjs $<TARGET_FILE:lstm-playground>
              ${CMAKE_BINARY_DIR}/screenshot-native.png)
    set_tests_properties(native_app_smoke PROPERTIES TIMEOUT 120)
    # Autosave to $XDG_CONFIG_HOME/lstm-playground/session.bin and restore, driven with real X
    # input (xdotool): draw, train, quit while training, start again; links; Start fresh; errors.
    add_test(NAME native_autosave
      COMMAND node ${CMAKE_SOURCE_DIR}/tests/e2e/native_autosave.mjs $<TARGET_FILE:lstm-playground>)
    set_tests_properties(native_autosave PROPERTIES TIMEOUT 300)
  endif()
endif()
