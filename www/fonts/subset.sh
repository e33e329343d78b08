#!/usr/bin/env bash
# How the engraving fonts in this folder were made (run by hand; the results are committed).
# Sources: npm @expo-google-fonts/{dancing-script,montserrat,playfair-display,space-mono}
# (Google Fonts, SIL Open Font License 1.1) and Debian fonts-dejavu-core (DejaVu Sans,
# Bitstream Vera licence). Subsetting: pip fonttools (pyftsubset).
# Usage: subset.sh <dir with the npm packages unpacked> <DejaVuSans.ttf>
set -euo pipefail
src=$1 dejavu=$2 out=$(dirname "$0")
latin="U+0020-007E,U+00A0-017F,U+2010-2027,U+2030-203A,U+20AC,U+2122"
# Shaping features only (kerning, ligatures, script joining, marks); no small caps or figures sets.
features="kern,liga,clig,calt,rlig,ccmp,locl,mark,mkmk,init,medi,fina,isol,curs"
symbols="U+2665,U+2661,U+2764,U+221E,U+267E,U+2605,U+2606,U+2726,U+271D,U+2020,U+263E,U+263D,U+2721,U+262A,U+262E,U+2693,U+2660-2667,U+266A-266B,U+2600,U+2713,U+273F,U+2618,U+00B0,U+2032,U+2033"
subset() { pyftsubset "$1" --unicodes="$2" --layout-features="$features" --no-hinting --output-file="$out/$3"; }
subset "$src/dancing-script/package/600SemiBold/DancingScript_600SemiBold.ttf" "$latin" script.ttf
subset "$src/montserrat/package/600SemiBold/Montserrat_600SemiBold.ttf" "$latin" block.ttf
subset "$src/playfair-display/package/500Medium/PlayfairDisplay_500Medium.ttf" "$latin" serif.ttf
subset "$src/space-mono/package/400Regular/SpaceMono_400Regular.ttf" "$latin" mono.ttf
# The fallback: symbols, Hebrew, Arabic (with its joining forms), Greek and Cyrillic.
subset "$dejavu" "$latin,$symbols,U+0370-03FF,U+0400-04FF,U+0590-05FF,U+FB1D-FB4F,U+0600-06FF,U+FE70-FEFF,U+200C-200F" symbols.ttf
# Subsetting makes a Modified Version under the OFL, and Dancing Script and Playfair Display
# reserve their names, so every subset is renamed "Pendant <Role>" in its name table.
for role in script block serif mono symbols; do
  python3 - "$out/$role.ttf" "Pendant ${role^}" <<'PY'
import sys
from fontTools.ttLib import TTFont
path, family = sys.argv[1], sys.argv[2]
font = TTFont(path)
names = font["name"]
for record in list(names.names):
    if record.nameID in (1, 16):
        record.string = family
    elif record.nameID in (4,):
        record.string = family
    elif record.nameID in (3, 6):
        record.string = family.replace(" ", "") + "-Subset"
    elif record.nameID in (2, 17):
        record.string = "Regular"
font.save(path)
PY
done
