# The ImGui playground: one UI (web/), two platforms (SDL2 + OpenGL3 natively, SDL2 + WebGL2 in
# the browser). Dear ImGui 1.86 is compiled from Debian's source package (scripts/setup.sh).
set(IMGUI_DIR ${LSTM_DEPS_DIR}/imgui-1.86)
if(NOT EXISTS ${IMGUI_DIR}/imgui.cpp)
  message(FATAL_ERROR "Dear ImGui sources missing in ${IMGUI_DIR}: run scripts/setup.sh")
endif()
add_library(imgui STATIC
  ${IMGUI_DIR}/imgui.cpp ${IMGUI_DIR}/imgui_draw.cpp ${IMGUI_DIR}/imgui_tables.cpp
  ${IMGUI_DIR}/imgui_widgets.cpp ${IMGUI_DIR}/imgui_demo.cpp
  ${IMGUI_DIR}/backends/imgui_impl_sdl.cpp ${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp)
target_include_directories(imgui PUBLIC ${IMGUI_DIR} ${IMGUI_DIR}/backends)
target_compile_options(imgui PRIVATE -O2)

if(EMSCRIPTEN)
  # SDL2 built once for Emscripten by scripts/setup.sh (the -sUSE_SDL=2 port cannot be fetched).
  set(SDL2_WEB ${LSTM_DEPS_DIR}/sdl2-web)
  target_include_directories(imgui PUBLIC ${SDL2_WEB}/include/SDL2 ${SDL2_WEB}/include)
  target_link_libraries(imgui PUBLIC ${SDL2_WEB}/lib/libSDL2.a)
else()
  find_package(SDL2 REQUIRED)
  find_package(OpenGL REQUIRED)
  target_include_directories(imgui PUBLIC ${SDL2_INCLUDE_DIRS})
  target_link_libraries(imgui PUBLIC ${SDL2_LIBRARIES} OpenGL::GL ${CMAKE_DL_LIBS})
endif()

file(GLOB LSTM_WEB_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/web/*.cpp)
add_executable(lstm-playground ${LSTM_WEB_SOURCES})
target_link_libraries(lstm-playground PRIVATE lstm_core imgui)
target_include_directories(lstm-playground PRIVATE ${CMAKE_SOURCE_DIR}/web)
if(EMSCRIPTEN)
  # Link to .js, never .html (emcc 3.1.6's html minifier crashes); the page is our index.html.
  target_link_options(lstm-playground PRIVATE
    -sUSE_WEBGL2=1 -sFULL_ES3=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
    -sALLOW_MEMORY_GROWTH=1 -sUSE_SDL=0 -sEXPORTED_RUNTIME_METHODS=ccall,UTF8ToString
    -sEXPORTED_FUNCTIONS=_main,_lstm_state_json)
  add_custom_command(TARGET lstm-playground POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${CMAKE_SOURCE_DIR}/index.html
            ${CMAKE_BINARY_DIR}/index.html)
endif()
