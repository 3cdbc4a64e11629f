#!/usr/bin/env python3
"""Generate ucd_tables.c: compact Unicode property tables for the tokenizer.

Usage: gen_ucd_tables.py [UCD_DIR] > ucd_tables.c
UCD_DIR defaults to /usr/share/unicode (Debian package unicode-data). It reads
  auxiliary/GraphemeBreakProperty.txt, auxiliary/WordBreakProperty.txt,
  auxiliary/SentenceBreakProperty.txt, emoji/emoji-data.txt,
  UnicodeData.txt, PropList.txt, Scripts.txt.

Every code point gets one 32-bit record packing the properties the tokenizer
needs (layout in ucd.h). Identical records are shared; a two-stage table maps
a code point to its record: stage1[cp >> 7] is a block number, stage2[block *
128 + (cp & 127)] an index into the record array. The output is committed so
that the build never needs the data files; rerun this script when Unicode is
upgraded and commit the result.
"""
import os
import sys

UCD = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"
MAXCP = 0x110000
SHIFT = 7

# Value lists: the order must match the enums in ucd.h.
GCB = ["Other", "CR", "LF", "Control", "Extend", "ZWJ", "Regional_Indicator",
       "Prepend", "SpacingMark", "L", "V", "T", "LV", "LVT"]
WB = ["Other", "CR", "LF", "Newline", "Extend", "ZWJ", "Regional_Indicator",
      "Format", "Katakana", "Hebrew_Letter", "ALetter", "Single_Quote",
      "Double_Quote", "MidNumLet", "MidLetter", "MidNum", "Numeric",
      "ExtendNumLet", "WSegSpace"]
SB = ["Other", "CR", "LF", "Extend", "Sep", "Format", "Sp", "Lower", "Upper",
      "OLetter", "Numeric", "ATerm", "SContinue", "STerm", "Close"]
# Coarse general-category classes (enum ucd_cls)
CLS_OTHER, CLS_LETTER, CLS_MARK, CLS_DIGIT, CLS_NUMBER, CLS_PUNCT, \
    CLS_SYMBOL, CLS_SPACE, CLS_CONTROL = range(9)
SCRIPTS = {"Han": 1, "Hiragana": 2, "Katakana": 3, "Hangul": 4,
           "Thai": 5, "Lao": 5, "Khmer": 5, "Myanmar": 5}


def parse_ranges(path):
    """Yield (first, last, value) from a UCD 'range ; value # comment' file."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            rng, val = [x.strip() for x in line.split(";")[:2]]
            if ".." in rng:
                a, b = rng.split("..")
                yield int(a, 16), int(b, 16), val
            else:
                yield int(rng, 16), int(rng, 16), val


def fill(arr, path, values, only=None):
    for a, b, v in parse_ranges(path):
        if only is not None:
            if v != only:
                continue
            idx = 1
        else:
            idx = values.index(v)
        for cp in range(a, b + 1):
            arr[cp] = idx


def general_categories():
    cat = ["Cn"] * MAXCP
    first = None
    with open(os.path.join(UCD, "UnicodeData.txt"), encoding="utf-8") as f:
        for line in f:
            fields = line.split(";")
            cp = int(fields[0], 16)
            name, gc = fields[1], fields[2]
            if name.endswith(", First>"):
                first = cp
                continue
            if name.endswith(", Last>"):
                for c in range(first, cp + 1):
                    cat[c] = gc
                continue
            cat[cp] = gc
    return cat


def main():
    aux = os.path.join(UCD, "auxiliary")
    gcb = [0] * MAXCP
    wb = [0] * MAXCP
    sb = [0] * MAXCP
    ext = [0] * MAXCP
    epres = [0] * MAXCP
    space = [0] * MAXCP
    script = [0] * MAXCP
    fill(gcb, os.path.join(aux, "GraphemeBreakProperty.txt"), GCB)
    fill(wb, os.path.join(aux, "WordBreakProperty.txt"), WB)
    fill(sb, os.path.join(aux, "SentenceBreakProperty.txt"), SB)
    emoji = os.path.join(UCD, "emoji", "emoji-data.txt")
    fill(ext, emoji, None, only="Extended_Pictographic")
    fill(epres, emoji, None, only="Emoji_Presentation")
    fill(space, os.path.join(UCD, "PropList.txt"), None, only="White_Space")
    for a, b, v in parse_ranges(os.path.join(UCD, "Scripts.txt")):
        if v in SCRIPTS:
            for cp in range(a, b + 1):
                script[cp] = SCRIPTS[v]
    cat = general_categories()

    def cls_of(cp):
        if space[cp]:
            return CLS_SPACE
        g = cat[cp]
        if g[0] == "L":
            return CLS_LETTER
        if g[0] == "M":
            return CLS_MARK
        if g == "Nd":
            return CLS_DIGIT
        if g[0] == "N":
            return CLS_NUMBER
        if g[0] == "P":
            return CLS_PUNCT
        if g[0] == "S":
            return CLS_SYMBOL
        if g in ("Cc", "Cf", "Zl", "Zp", "Zs"):
            return CLS_CONTROL
        return CLS_OTHER

    records = {}
    rec_list = []
    index = [0] * MAXCP
    for cp in range(MAXCP):
        r = (gcb[cp] | wb[cp] << 4 | sb[cp] << 9 | ext[cp] << 13
             | epres[cp] << 14 | cls_of(cp) << 15 | script[cp] << 19)
        i = records.get(r)
        if i is None:
            i = records[r] = len(rec_list)
            rec_list.append(r)
        index[cp] = i

    blocks = {}
    block_list = []
    stage1 = []
    bs = 1 << SHIFT
    for b in range(MAXCP >> SHIFT):
        blk = tuple(index[b * bs:(b + 1) * bs])
        n = blocks.get(blk)
        if n is None:
            n = blocks[blk] = len(block_list)
            block_list.append(blk)
        stage1.append(n)
    # ucd.h declares stage2 as uint8_t: widen it there if this ever fails.
    assert len(rec_list) <= 256, "more than 256 records: widen ucd_stage2"
    t2 = "uint8_t"

    out = sys.stdout
    out.write("/* ucd_tables.c - GENERATED by gen_ucd_tables.py from the Unicode "
              "Character\n * Database; do not edit. %d records, %d blocks "
              "of %d. */\n" % (len(rec_list), len(block_list), bs))
    out.write('#include "ucd.h"\n\n')
    out.write("const uint32_t ucd_records[%d] = {\n" % len(rec_list))
    for i in range(0, len(rec_list), 6):
        out.write("\t" + ", ".join("0x%06x" % r for r in rec_list[i:i + 6])
                  + ",\n")
    out.write("};\n\n")
    out.write("const uint16_t ucd_stage1[%d] = {\n" % len(stage1))
    for i in range(0, len(stage1), 12):
        out.write("\t" + ", ".join(str(x) for x in stage1[i:i + 12]) + ",\n")
    out.write("};\n\n")
    out.write("const %s ucd_stage2[%d] = {\n" % (t2, len(block_list) * bs))
    for blk in block_list:
        for i in range(0, bs, 16):
            out.write("\t" + ", ".join(str(x) for x in blk[i:i + 16]) + ",\n")
    out.write("};\n")
    sys.stderr.write("records %d, blocks %d\n"
                     % (len(rec_list), len(block_list)))


if __name__ == "__main__":
    main()
