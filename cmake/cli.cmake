# lstm-cli: headless training from a CSV; prints one JSON object on its last line.
file(GLOB LSTM_CLI_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/cli/*.cpp)
if(LSTM_CLI_SOURCES)
  add_executable(lstm-cli ${LSTM_CLI_SOURCES})
  target_link_libraries(lstm-cli PRIVATE lstm_session)
endif()
