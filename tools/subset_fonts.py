#!/usr/bin/env python3
"""Subsets Debian's Noto fonts to the glyphs the page can show beyond its default font
(ImGui's ProggyClean: 0x20-0xFF), one file per script group; the page fetches a file only when
the user's text needs it (web/platform/script_fonts.cpp). The groups and their ranges mirror
core/io/script_coverage.cpp's kScriptFiles: edit both together.

usage: subset_fonts.py <imgui_draw.cpp> <output dir>
Uses Debian's python3-fonttools (fontTools.subset is pyftsubset)."""
import os
import re
import sys

from fontTools import subset

NOTO = '/usr/share/fonts/truetype/noto'
NOTO_CJK = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
CJK_FACE_SC = 2  # NotoSansCJK-Regular.ttc: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK (Simplified Chinese shapes)


def imgui_ideographs(imgui_draw, function):
    """The ideographs of ImGui's GetGlyphRanges<function>(): accumulative offsets from 0x4E00."""
    src = open(imgui_draw, encoding='utf-8').read()
    start = src.index('ImFontAtlas::GetGlyphRanges' + function + '()')
    table = re.search(r'accumulative_offsets_from_0x4E00\[\]\s*=\s*\{([^}]*)\}', src[start:])
    cp, out = 0x4E00, []
    for offset in table.group(1).replace('\n', '').split(','):
        if offset.strip():
            cp += int(offset)
            out.append(cp)
    return out


def ks_x_1001_syllables():
    out = []
    for cp in range(0xAC00, 0xD7A4):
        try:
            if len(chr(cp).encode('euc-kr')) == 2:  # the others are 8-byte "make-up" sequences
                out.append(cp)
        except UnicodeEncodeError:
            pass
    return out


def span(a, b):
    return list(range(a, b + 1))


def main():
    imgui_draw, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    ideographs = sorted(set(imgui_ideographs(imgui_draw, 'ChineseSimplifiedCommon')) |
                        set(imgui_ideographs(imgui_draw, 'Japanese')))
    groups = {
        # Accented Latin beyond Latin-1, Greek, Cyrillic, general punctuation, currency.
        'latin.ttf': (f'{NOTO}/NotoSans-Regular.ttf', None,
                      span(0x100, 0x24F) + span(0x370, 0x3FF) + span(0x400, 0x52F) +
                      span(0x1E00, 0x1EFF) + span(0x2000, 0x206F) + span(0x20A0, 0x20BF)),
        'thai.ttf': (f'{NOTO}/NotoSansThai-Regular.ttf', None, span(0xE00, 0xE7F)),
        # Kana, CJK punctuation, full-width forms and ImGui's Chinese + Japanese ideographs.
        'cjk.otf': (NOTO_CJK, CJK_FACE_SC,
                    span(0x3000, 0x30FF) + span(0x31F0, 0x31FF) + span(0xFF00, 0xFFEF) + ideographs),
        # Hangul: compatibility jamo and the 2,350 syllables of KS X 1001 (those EUC-KR encodes),
        # not all 11,172 of ImGui's GetGlyphRangesKorean(): a fifth of the bytes.
        'hangul.otf': (NOTO_CJK, CJK_FACE_SC, span(0x3131, 0x3163) + ks_x_1001_syllables()),
    }
    for name, (path, face, codepoints) in groups.items():
        options = subset.Options()
        options.layout_features = []  # ImGui does no shaping: GSUB/GPOS are dead weight
        options.hinting = False
        options.desubroutinize = True  # plainer CFF for stb_truetype, and it gzips smaller
        options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep the copyright and names (OFL)
        options.notdef_outline = True
        if face is not None:
            options.font_number = face
        font = subset.load_font(path, options)
        sub = subset.Subsetter(options)
        sub.populate(unicodes=codepoints)
        sub.subset(font)
        tmp = os.path.join(out_dir, name + '.tmp')
        subset.save_font(font, tmp, options)
        os.replace(tmp, os.path.join(out_dir, name))


if __name__ == '__main__':
    main()
