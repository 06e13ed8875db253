#!/usr/bin/env python3
"""Derive data/countries.tsv and data/country-aliases.tsv.

Usage (from the repository root):

    python3 data/derive_countries.py ../shared/reference/country-codes.csv \
        /usr/share/iso-codes/json/iso_3166-1.json

The first argument is data/country-codes.csv of the public
`datasets/country-codes` data package (PDDL). The second, optional but used
for the committed files, is iso_3166-1.json of Debian's iso-codes package
(LGPL-2.1+): it is a cross-check of the codes and a source of extra aliases.
Without it the aliases differ from the committed ones (a warning says so).

Options:
    --out-dir DIR   where to write (default: the folder of this script)
    --check         write nothing; exit 1 if the files on disk differ from
                    what would be written
    --print-names   print "alpha3<TAB>name" for every country on stdout

Standard library only; deterministic (same inputs, same bytes). Exits
non-zero with a message on any inconsistency: two countries sharing a
matching key (names, aliases or codes), a required alias missing or
resolving to the wrong country, unknown regions, code mismatches with
iso-codes. The matching key is `key()` below; data/README.md states the
same rule and src/core/country.c (ob_country_key) implements it.
"""
import argparse
import csv
import json
import os
import sys
import unicodedata

# --------------------------------------------------------------------------
# The normalisation rule (the "matching key"). Keep it identical to
# ob_country_key() in src/core/country.c and to tools/gen_fold_table.py.

# Letters with no decomposition to an ASCII base letter.
FOLD_SPECIAL = {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O",
                "œ": "oe", "Œ": "OE", "ð": "d", "Ð": "D", "þ": "th",
                "Þ": "TH", "ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                "ħ": "h", "Ħ": "H"}
# Only these ranges are folded; any other non-ASCII character separates words.
FOLD_RANGES = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))
# Apostrophe-like characters are deleted: ' ` ´ ‘ ’ ʼ
APOSTROPHES = frozenset("\u0027\u0060\u00B4\u2018\u2019\u02BC")
KEY_MAX = 127  # the C code keeps keys in a 128-byte buffer


def fold(ch):
    """ASCII lower-case base letters of one accented Latin letter ("" if none)."""
    if ch in FOLD_SPECIAL:
        return FOLD_SPECIAL[ch].lower()
    base = "".join(c for c in unicodedata.normalize("NFKD", ch)
                   if not unicodedata.combining(c))
    base = "".join(c for c in base if c.isascii() and c.isalnum())
    return base.lower()


def key(text):
    """The matching key of TEXT (a str)."""
    out = []
    for ch in text:
        cp = ord(ch)
        if "a" <= ch <= "z" or "0" <= ch <= "9":
            piece = ch
        elif "A" <= ch <= "Z":
            piece = ch.lower()
        elif ch in APOSTROPHES or 0x0300 <= cp <= 0x036F:
            continue  # deleted: "d'Ivoire" -> "divoire"
        elif ch == "&":
            piece = " and "
        elif any(lo <= cp <= hi for lo, hi in FOLD_RANGES):
            piece = fold(ch) or " "
        else:
            piece = " "
        out.append(piece)
    s = " ".join(w for w in "".join(out).split(" ") if w)
    if s.startswith("the "):
        s = s[4:]
    return s


KEY_EXAMPLES = {
    "Congo, Democratic Republic of the": "congo democratic republic of the",
    "Côte d’Ivoire": "cote divoire",
    "Côte d'Ivoire": "cote divoire",
    "Cote d'Ivoire": "cote divoire",
    "The Gambia": "gambia",
    "Guinea-Bissau": "guinea bissau",
    "St. Kitts & Nevis": "st kitts and nevis",
    "  São Tomé & Príncipe ": "sao tome and principe",
    "Åland Islands": "aland islands",
    "Türkiye": "turkiye",
    "the the Netherlands": "the netherlands",
    "Co\u0302te d\u02BCIvoire": "cote divoire",  # decomposed input
    "Łódź ßøæœðþı": "lodz ssoaeoedthi",
    "Korea, Republic of": "korea republic of",
}

# --------------------------------------------------------------------------
# Display names.

INTERPOL_REGIONS = ("Africa", "Americas", "Asia and South Pacific", "Europe",
                    "Middle East and North Africa")
M49_REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")

# The CLDR display name is the starting point; "&" becomes "and" and "St."
# becomes "Saint" everywhere; then these whole-name overrides apply (the
# reason for each is in data/README.md).
NAME_OVERRIDES = {
    "BIH": "Bosnia and Herzegovina",             # CLDR short "Bosnia"
    "CCK": "Cocos (Keeling) Islands",             # CLDR short "Cocos Islands"
    "CIV": "Côte d'Ivoire",                       # ASCII apostrophe
    "COD": "Democratic Republic of the Congo",    # "Congo - Kinshasa"
    "COG": "Congo",                               # "Congo - Brazzaville"
    "CPV": "Cabo Verde",                          # "Cape Verde"
    "GBR": "United Kingdom",                      # "UK"
    "HMD": "Heard Island and McDonald Islands",   # "Heard & McDonald Islands"
    "HKG": "Hong Kong",                           # guard: "Hong Kong SAR China"
    "MAC": "Macao",                               # guard: "Macao SAR China"
    "MMR": "Myanmar",                             # guard: "Myanmar (Burma)"
    "PSE": "Palestine",                           # guard: "Palestinian Territories"
    "SGS": "South Georgia and the South Sandwich Islands",
    "TUR": "Türkiye",                             # guard: "Turkey"
    "UMI": "United States Minor Outlying Islands",  # "U.S. Outlying Islands"
    "USA": "United States",                       # "US"
    "VCT": "Saint Vincent and the Grenadines",    # "St. Vincent & Grenadines"
    "VIR": "United States Virgin Islands",        # "U.S. Virgin Islands"
}

# Names the brief fixes exactly; checked after derivation.
EXPECTED_NAMES = {
    "CIV": "C\u00f4te d\u0027Ivoire",
    "COD": "Democratic Republic of the Congo",
    "COG": "Congo",
    "HKG": "Hong Kong",
    "MAC": "Macao",
    "MMR": "Myanmar",
    "PSE": "Palestine",
    "TUR": "T\u00fcrkiye",
    "XKX": "Kosovo",
}

KOSOVO = {"alpha3": "XKX", "alpha2": "XK", "numeric": "", "name": "Kosovo",
          "m49_region": "Europe", "m49_subregion": "Southern Europe"}


def display_name(alpha3, cldr):
    name = cldr.replace(" & ", " and ").replace("&", " and ")
    if name.startswith("St. "):
        name = "Saint " + name[4:]
    name = name.replace(" St. ", " Saint ")
    return NAME_OVERRIDES.get(alpha3, name)


# --------------------------------------------------------------------------
# INTERPOL regions (a project decision, see data/README.md).

AFRICA_TO_MENA = {"DZA", "EGY", "LBY", "MAR", "TUN", "ESH"}
WESTERN_ASIA_MENA = {"ARE", "BHR", "IRQ", "ISR", "JOR", "KWT", "LBN", "OMN",
                     "PSE", "QAT", "SAU", "SYR", "YEM"}
WESTERN_ASIA_EUROPE = {"ARM", "AZE", "CYP", "GEO", "TUR"}
ASIA_MENA = {"IRN"}
EUROPE_EXTRA = {"RUS"}  # M49 already puts Russia in Europe; kept explicit


def interpol_region(alpha3, region, subregion):
    if region == "":
        return ""
    if region == "Africa":
        return ("Middle East and North Africa" if alpha3 in AFRICA_TO_MENA
                else "Africa")
    if region == "Americas":
        return "Americas"
    if region == "Europe" or alpha3 in EUROPE_EXTRA:
        return "Europe"
    if region == "Asia":
        if subregion == "Western Asia":
            if alpha3 in WESTERN_ASIA_MENA:
                return "Middle East and North Africa"
            if alpha3 in WESTERN_ASIA_EUROPE:
                return "Europe"
            die("%s is in Western Asia but has no INTERPOL region rule"
                % alpha3)
        if alpha3 in ASIA_MENA:
            return "Middle East and North Africa"
        return "Asia and South Pacific"
    if region == "Oceania":
        return "Asia and South Pacific"
    die("%s: unknown M49 region %r" % (alpha3, region))


# --------------------------------------------------------------------------
# Aliases.

# Common variants, added by hand. Everything here is checked like the rest.
EXTRA_ALIASES = {
    "ARE": ["UAE", "U.A.E.", "Emirates"],
    "BFA": ["Burkina-Faso"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina"],
    "BOL": ["Bolivia"],
    "BRN": ["Brunei", "Brunei Darussalam"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire", "Côte d’Ivoire",
            "Republic of Côte d'Ivoire"],
    "COD": ["DRC", "RDC", "DR Congo", "D.R. Congo", "Congo-Kinshasa",
            "Congo, Democratic Republic of the",
            "Democratic Republic of Congo", "Zaire"],
    "COG": ["Congo", "Congo-Brazzaville", "Republic of the Congo",
            "Republic of Congo"],
    "CPV": ["Cape Verde", "Cabo Verde"],
    "CZE": ["Czech Republic", "Czechia"],
    "FSM": ["Micronesia", "Federated States of Micronesia"],
    "GBR": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"],
    "GIN": ["Guinea", "Guinea-Conakry"],
    "GMB": ["The Gambia", "Gambia"],
    "GNB": ["Guinea-Bissau"],
    "GNQ": ["Equatorial Guinea"],
    "HKG": ["Hong Kong SAR China", "Hong Kong SAR", "Hong Kong, China"],
    "IRN": ["Iran", "Islamic Republic of Iran"],
    "KOR": ["South Korea", "Korea, Republic of", "Republic of Korea",
            "Korea, South"],
    "LAO": ["Laos", "Lao PDR"],
    "MAC": ["Macao SAR China", "Macao SAR", "Macau", "Macau SAR",
            "Macao, China"],
    "MDA": ["Moldova", "Republic of Moldova"],
    "MKD": ["Macedonia", "North Macedonia",
            "Former Yugoslav Republic of Macedonia", "FYROM"],
    "MMR": ["Burma", "Myanmar (Burma)"],
    "PRK": ["North Korea", "DPRK", "Korea, North"],
    "PSE": ["Palestine", "State of Palestine", "Palestinian Territories",
            "Palestinian Territory", "Occupied Palestinian Territory"],
    "RUS": ["Russia", "Russian Federation"],
    "SWZ": ["Swaziland", "Eswatini"],
    "SYR": ["Syria", "Syrian Arab Republic"],
    "TLS": ["East Timor", "Timor-Leste"],
    "TUR": ["Turkey", "Republic of Turkey"],
    "TWN": ["Chinese Taipei"],
    "TZA": ["Tanzania"],
    "UMI": ["U.S. Minor Outlying Islands", "US Minor Outlying Islands"],
    "USA": ["USA", "US", "U.S.", "U.S.A.", "United States",
            "United States of America"],
    "VAT": ["Holy See", "Vatican", "Vatican City State"],
    "VEN": ["Venezuela"],
    "VIR": ["US Virgin Islands"],
    "VNM": ["Viet Nam", "Vietnam"],
    "XKX": ["Kosovo", "Republic of Kosovo"],
}

# (text, alpha3) pairs that must resolve, the way the C lookup resolves
# them: codes first (2 or 3 characters), then the matching key of a display
# name or an alias.
REQUIRED = [
    ("Ivory Coast", "CIV"), ("Cote d'Ivoire", "CIV"),
    ("C\u00f4te d\u2019Ivoire", "CIV"), ("C\u00f4te d'Ivoire", "CIV"),
    ("DRC", "COD"), ("RDC", "COD"), ("DR Congo", "COD"),
    ("Congo-Kinshasa", "COD"), ("Congo, Democratic Republic of the", "COD"),
    ("Democratic Republic of Congo", "COD"),
    ("Democratic Republic of the Congo", "COD"),
    ("Congo", "COG"), ("Congo-Brazzaville", "COG"),
    ("Republic of the Congo", "COG"),
    ("Turkey", "TUR"), ("Türkiye", "TUR"), ("Viet Nam", "VNM"),
    ("Vietnam", "VNM"), ("Syria", "SYR"), ("Syrian Arab Republic", "SYR"),
    ("Iran", "IRN"), ("Laos", "LAO"), ("Lao PDR", "LAO"), ("Russia", "RUS"),
    ("Bolivia", "BOL"), ("Venezuela", "VEN"), ("Tanzania", "TZA"),
    ("Burkina-Faso", "BFA"), ("Cape Verde", "CPV"), ("Cabo Verde", "CPV"),
    ("Swaziland", "SWZ"), ("Eswatini", "SWZ"), ("Czech Republic", "CZE"),
    ("Czechia", "CZE"), ("South Korea", "KOR"), ("North Korea", "PRK"),
    ("Korea, Republic of", "KOR"), ("UK", "GBR"), ("Britain", "GBR"),
    ("Great Britain", "GBR"), ("United Kingdom", "GBR"), ("USA", "USA"),
    ("US", "USA"), ("United States", "USA"),
    ("United States of America", "USA"), ("UAE", "ARE"),
    ("The Gambia", "GMB"), ("Gambia", "GMB"), ("Palestine", "PSE"),
    ("State of Palestine", "PSE"), ("Kosovo", "XKX"), ("Moldova", "MDA"),
    ("Macedonia", "MKD"), ("North Macedonia", "MKD"), ("Micronesia", "FSM"),
    ("Brunei", "BRN"), ("East Timor", "TLS"), ("Timor-Leste", "TLS"),
    ("Guinea", "GIN"), ("Guinea-Bissau", "GNB"),
    ("Equatorial Guinea", "GNQ"),
]

# Required aliases that are also the country's own code. The brief asks for
# them by name; the C lookup finds them as codes anyway.
OWN_CODE_ALIASES_KEPT = {("US", "USA"), ("USA", "USA")}


def clean_unterm(text):
    """'Congo (the)' -> 'Congo'; 'Holy See (the) *' -> 'Holy See';
    'the Islamic Republic of Afghanistan' -> 'Islamic Republic of ...'."""
    text = text.strip()
    while text.endswith("*"):
        text = text[:-1].rstrip()
    if text.endswith(" (the)"):
        text = text[:-len(" (the)")].rstrip()
    if text.startswith("the "):
        text = text[4:]
    return text


# --------------------------------------------------------------------------

def die(message):
    sys.stderr.write("derive_countries: error: %s\n" % message)
    sys.exit(1)


def nfc(text):
    return unicodedata.normalize("NFC", text)


def read_country_codes(path):
    try:
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        die("cannot read %s: %s" % (path, e.strerror))
    needed = ["ISO3166-1-Alpha-3", "ISO3166-1-Alpha-2", "ISO3166-1-numeric",
              "CLDR display name", "official_name_en", "UNTERM English Short",
              "UNTERM English Formal", "Region Name", "Sub-region Name"]
    if not rows:
        die("%s has no rows" % path)
    missing = [c for c in needed if c not in rows[0]]
    if missing:
        die("%s lacks columns: %s" % (path, ", ".join(missing)))
    return [{c: nfc(r[c]).strip() for c in needed} for r in rows]


def read_iso_codes(path):
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except OSError as e:
        die("cannot read %s: %s" % (path, e.strerror))
    except ValueError as e:
        die("%s is not JSON: %s" % (path, e))
    entries = doc.get("3166-1")
    if not isinstance(entries, list):
        die("%s has no \"3166-1\" list" % path)
    return {e["alpha_3"]: e for e in entries}


def derive(rows, iso):
    countries = []
    seen = {"alpha3": set(), "alpha2": set(), "numeric": set()}
    sources = {}  # alpha3 -> list of raw alias candidates, in priority order
    for r in rows:
        a3 = r["ISO3166-1-Alpha-3"]
        a2 = r["ISO3166-1-Alpha-2"]
        num = r["ISO3166-1-numeric"]
        if not (len(a3) == 3 and a3.isascii() and a3.isupper()):
            die("bad alpha-3 code %r" % a3)
        if not (len(a2) == 2 and a2.isascii() and a2.isupper()):
            die("%s: bad alpha-2 code %r" % (a3, a2))
        if not (num.isascii() and num.isdigit() and 0 < int(num) < 1000):
            die("%s: bad numeric code %r" % (a3, num))
        num = "%03d" % int(num)
        for field, value in (("alpha3", a3), ("alpha2", a2),
                             ("numeric", num)):
            if value in seen[field]:
                die("%s: %s code %s appears twice" % (a3, field, value))
            seen[field].add(value)
        region, subregion = r["Region Name"], r["Sub-region Name"]
        if region not in M49_REGIONS and not (region == "" and a3 == "ATA"):
            die("%s: unexpected M49 region %r" % (a3, region))
        if (region == "") != (subregion == ""):
            die("%s: region %r but sub-region %r" % (a3, region, subregion))
        cldr = r["CLDR display name"]
        if not cldr:
            die("%s has no CLDR display name" % a3)
        countries.append({
            "alpha3": a3, "alpha2": a2, "numeric": num,
            "name": nfc(display_name(a3, cldr)),
            "cldr": cldr,
            "m49_region": region, "m49_subregion": subregion,
        })
        cand = [cldr, r["official_name_en"],
                clean_unterm(r["UNTERM English Short"]),
                clean_unterm(r["UNTERM English Formal"])]
        if iso is not None:
            e = iso.get(a3)
            if e is None:
                die("%s is not in iso-codes" % a3)
            if e.get("alpha_2") != a2 or e.get("numeric") != num:
                die("%s: codes %s/%s here but %s/%s in iso-codes"
                    % (a3, a2, num, e.get("alpha_2"), e.get("numeric")))
            cand += [e.get("name", ""), e.get("official_name", ""),
                     e.get("common_name", "")]
        sources[a3] = cand
    if iso is not None:
        extra = sorted(set(iso) - seen["alpha3"])
        if extra:
            die("in iso-codes but not in the CSV: %s" % " ".join(extra))

    if "XKX" in seen["alpha3"] or "XK" in seen["alpha2"]:
        die("the CSV now has Kosovo; drop the hand-made row")
    countries.append(dict(KOSOVO, cldr=""))
    sources["XKX"] = []

    for c in countries:
        c["interpol_region"] = interpol_region(c["alpha3"], c["m49_region"],
                                               c["m49_subregion"])
        if c["m49_region"] and c["interpol_region"] not in INTERPOL_REGIONS:
            die("%s: bad INTERPOL region" % c["alpha3"])
    countries.sort(key=lambda c: c["alpha3"])
    by_a3 = {c["alpha3"]: c for c in countries}

    for a3, expected in EXPECTED_NAMES.items():
        if by_a3[a3]["name"] != expected:
            die("%s: name %r, expected %r" % (a3, by_a3[a3]["name"], expected))
    for c in countries:
        n = c["name"]
        if (not n or n != n.strip() or "  " in n or "&" in n or "St." in n
                or any(ch in n for ch in "\t\r\n*")):
            die("%s: unclean display name %r" % (c["alpha3"], n))

    for a3, extra in EXTRA_ALIASES.items():
        if a3 not in by_a3:
            die("extra aliases for unknown code %s" % a3)
        sources[a3] = sources[a3] + extra

    # Every matching key, with who claims it; codes included.
    claims = {}  # key -> {alpha3: description}

    def claim(k, a3, what):
        claims.setdefault(k, {}).setdefault(a3, what)

    own_codes = {}
    for c in countries:
        a3 = c["alpha3"]
        codes = {c["alpha3"].lower(), c["alpha2"].lower()}
        if c["numeric"]:
            codes.add(c["numeric"])
        own_codes[a3] = codes
        for code in sorted(codes):
            claim(code, a3, "code %s" % code.upper())
        claim(key(c["name"]), a3, "display name %r" % c["name"])

    aliases = []  # (alpha3, key, alias)
    for c in countries:
        a3 = c["alpha3"]
        name_key = key(c["name"])
        kept = {name_key}
        for raw in sources[a3]:
            raw = nfc(" ".join(raw.split()))
            if not raw:
                continue
            if any(ch in raw for ch in "\t\r\n"):
                die("%s: alias %r has a control character" % (a3, raw))
            k = key(raw)
            if not k:
                die("%s: alias %r has an empty key" % (a3, raw))
            if len(k) > KEY_MAX:
                die("%s: alias %r has a key over %d bytes" % (a3, raw,
                                                             KEY_MAX))
            if k in kept:
                continue
            if k in own_codes[a3] and (raw, a3) not in OWN_CODE_ALIASES_KEPT:
                continue  # codes are matched separately
            kept.add(k)
            claim(k, a3, "alias %r" % raw)
            aliases.append((a3, k, raw))

    # Short aliases that the C lookup would read as another country's code.
    all_codes = {}
    for a3, codes in own_codes.items():
        for code in codes:
            all_codes[code] = a3
    for a3, k, raw in aliases:
        stripped = raw.strip()
        if len(stripped) <= 3 and stripped.lower() in all_codes \
                and all_codes[stripped.lower()] != a3:
            die("%s: alias %r is the code of %s"
                % (a3, raw, all_codes[stripped.lower()]))

    clashes = sorted((k, v) for k, v in claims.items() if len(v) > 1)
    if clashes:
        for k, v in clashes:
            sys.stderr.write("derive_countries: key %r is claimed by %s\n" % (
                k, "; ".join("%s (%s)" % (a3, v[a3]) for a3 in sorted(v))))
        die("%d matching keys belong to more than one country" % len(clashes))

    key_owner = {k: next(iter(v)) for k, v in claims.items()}

    def resolve(text):
        t = text.strip()
        if len(t) in (2, 3) and t.isascii() and t.isalnum():
            code = t.lower()
            if code in all_codes:
                return all_codes[code]
        return key_owner.get(key(text))

    problems = []
    for text, a3 in REQUIRED:
        got = resolve(text)
        if got != a3:
            problems.append("%r resolves to %s, not %s" % (text, got, a3))
    guinea = sorted(a3 for k, a3 in key_owner.items() if k == "guinea")
    if guinea != ["GIN"]:
        problems.append("'guinea' belongs to %s, not only GIN" % guinea)
    for a3, k, raw in aliases:
        if a3 in ("GNB", "GNQ") and k == "guinea":
            problems.append("%s has the alias %r" % (a3, raw))
    if problems:
        for p in problems:
            sys.stderr.write("derive_countries: %s\n" % p)
        die("%d required aliases are missing or wrong" % len(problems))

    aliases.sort()
    return countries, aliases


def render(countries, aliases):
    header = ("alpha3", "alpha2", "numeric", "name", "m49_region",
              "m49_subregion", "interpol_region")
    lines = ["\t".join(header)]
    for c in countries:
        lines.append("\t".join(c[h] for h in header))
    countries_text = "\n".join(lines) + "\n"
    lines = ["alias\talpha3"]
    for a3, _k, raw in aliases:
        lines.append("%s\t%s" % (raw, a3))
    aliases_text = "\n".join(lines) + "\n"
    return {"countries.tsv": countries_text,
            "country-aliases.tsv": aliases_text}


def self_test():
    for text, expected in KEY_EXAMPLES.items():
        got = key(text)
        if got != expected:
            die("key(%r) is %r, expected %r" % (text, got, expected))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("country_codes_csv")
    p.add_argument("iso_3166_1_json", nargs="?")
    p.add_argument("--out-dir",
                   default=os.path.dirname(os.path.abspath(__file__)))
    p.add_argument("--check", action="store_true")
    p.add_argument("--print-names", action="store_true")
    args = p.parse_args()

    self_test()
    rows = read_country_codes(args.country_codes_csv)
    iso = None
    if args.iso_3166_1_json:
        iso = read_iso_codes(args.iso_3166_1_json)
    else:
        sys.stderr.write("derive_countries: warning: no iso-codes file given;"
                         " the aliases will differ from the committed ones\n")
    countries, aliases = derive(rows, iso)
    files = render(countries, aliases)

    if args.print_names:
        for c in countries:
            print("%s\t%s" % (c["alpha3"], c["name"]))

    if args.check:
        stale = []
        for name, text in sorted(files.items()):
            path = os.path.join(args.out_dir, name)
            try:
                with open(path, "rb") as f:
                    current = f.read()
            except OSError:
                current = None
            if current != text.encode("utf-8"):
                stale.append(name)
        if stale:
            die("out of date: %s (re-run without --check)" % ", ".join(stale))
        return

    for name, text in sorted(files.items()):
        path = os.path.join(args.out_dir, name)
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    sys.stderr.write("derive_countries: wrote %d countries and %d aliases\n"
                     % (len(countries), len(aliases)))


if __name__ == "__main__":
    main()
