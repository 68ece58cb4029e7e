# The page's extra fonts: Debian's Noto subset by tools/subset_fonts.py into <build>/fonts (the
# web page fetches them from there, the native app reads them beside its executable). Rebuilt
# only when the script, ImGui's range tables or the source fonts change.
set(LSTM_FONT_DIR ${CMAKE_BINARY_DIR}/fonts)
set(LSTM_FONT_OUTPUTS ${LSTM_FONT_DIR}/latin.ttf ${LSTM_FONT_DIR}/thai.ttf ${LSTM_FONT_DIR}/cjk.otf
    ${LSTM_FONT_DIR}/hangul.otf)
set(LSTM_FONT_SOURCES /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf
    /usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf
    /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc)
foreach(src ${LSTM_FONT_SOURCES})
  if(NOT EXISTS ${src})
    message(FATAL_ERROR "${src} missing: run scripts/setup.sh (fonts-noto-core, fonts-noto-cjk)")
  endif()
endforeach()
add_custom_command(OUTPUT ${LSTM_FONT_OUTPUTS}
  COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/tools/subset_fonts.py ${IMGUI_DIR}/imgui_draw.cpp
          ${LSTM_FONT_DIR}
  DEPENDS ${CMAKE_SOURCE_DIR}/tools/subset_fonts.py ${IMGUI_DIR}/imgui_draw.cpp ${LSTM_FONT_SOURCES}
  COMMENT "Subsetting the Noto fonts into ${LSTM_FONT_DIR}")
add_custom_target(lstm-fonts ALL DEPENDS ${LSTM_FONT_OUTPUTS})
add_dependencies(lstm-playground lstm-fonts)
