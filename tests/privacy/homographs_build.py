"""Write ``tests/privacy/vocabulary/homographs.txt``: ordinary Dutch words that are also
a first name, a surname or a place in the engine's own lists (round 17, issue 10).

    python tests/privacy/homographs_build.py OPENTAAL_DIR FREQUENCIES [--top N]

A word is taken when it is

- in the engine's list of frequent Dutch words (``privacy/data/nl_words.txt.gz``),
- written in lowercase in OpenTaal's list of approved Dutch base words
  (``basiswoorden-gekeurd.txt`` of https://github.com/OpenTaal/opentaal-wordlist, Revised
  BSD or CC BY 3.0): a dictionary word, not a name alone ("storm", not "john"; wordfreq's
  list holds both),
- and in one of the engine's name or place lists: deduce's first names, surnames (a
  surname's last word: "de Wit" gives "wit") and places, the Faker lists of
  ``privacy/data/`` and the region's places of ``privacy/detectors/lexicon.py``.

Words of fewer than three letters are left out. The word's class (noun, adjective, verb)
comes from OpenTaal's experimental lists (``experimenteel/``: plurals, adjectives and
adverbs, infinitives); a word of none of them (a pronoun, a verb form such as "ben") is
written with the class ``other``. The list is ordered by the word's frequency in Dutch
subtitles (FREQUENCIES: "word count" a line, most frequent first, such as ``nl_50k.txt``
of https://github.com/hermitdave/FrequencyWords, MIT; only the rank is used and written),
and the ``--top`` (default 400) most frequent are written. Neither source is a dependency
of the project: the test reads only the written file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "vocabulary" / "homographs.txt"

HEADER = """\
# Ordinary Dutch words that are also a first name, surname or place (round 17, issue 10).
# Written by tests/privacy/homographs_build.py (see its docstring for the sources): one word a
# line, "<word>\\t<rank>\\t<class>\\t<senses>", most frequent first. rank: the word's rank in a
# Dutch subtitle frequency list; class: noun, adj, verb or other; senses: first, surname,
# place (the engine's lists that hold the word). Do not edit by hand: rebuild.
"""


def _plural_forms(word: str) -> set[str]:
    """The plurals a Dutch noun may take ("storm" -> "stormen", "hoop" -> "hopen")."""
    forms = {word + "en", word + "s", word + "'s", word + "n", word + word[-1] + "en"}
    if len(word) >= 4 and word[-3] == word[-2] and word[-2] in "aeou":
        stem = word[:-2] + word[-1]  # "hoop" -> "hop"
        forms |= {stem + "en", stem.replace("f", "v") + "en", stem[:-1] + "zen"}
        if word.endswith("s"):
            forms.add(stem[:-1] + "zen")  # "roos" -> "rozen"
        if word.endswith("f"):
            forms.add(stem[:-1] + "ven")
    if word.endswith("f"):
        forms.add(word[:-1] + "ven")
    if word.endswith("s"):
        forms.add(word[:-1] + "zen")
    return forms


def build(opentaal: Path, frequencies: Path, top: int) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from privacy.detectors import lexicon

    dutch = lexicon.dutch_words()
    dictionary = {
        w
        for w in (opentaal / "basiswoorden-gekeurd.txt").read_text("utf-8").splitlines()
        if w.isalpha() and w.islower()
    }
    experimental = opentaal / "experimenteel"
    plurals = set((experimental / "nouns-meervouden.txt").read_text("utf-8").split())
    adjectives = set((experimental / "adjectieven-en-bijwoorden.txt").read_text("utf-8").split())
    verbs = set((experimental / "werkwoorden-infinitief.txt").read_text("utf-8").split())

    senses: dict[str, set[str]] = {}

    def add(words: set[str], sense: str) -> None:
        for word in words:
            senses.setdefault(word, set()).add(sense)

    add({n.lower() for n in lexicon._items("names", "lst_first_name")}, "first")
    add(set(lexicon.world_first_names()), "first")
    add({n.lower().split()[-1] for n in lexicon._items("names", "lst_surname")}, "surname")
    add(set(lexicon.world_surnames()), "surname")
    add({p.lower() for p in lexicon._items("locations", "lst_placename")}, "place")
    add({p.lower() for p in lexicon.REGION_PLACES}, "place")

    ranks: dict[str, int] = {}
    for number, line in enumerate(frequencies.read_text("utf-8").splitlines(), start=1):
        if line.split():
            ranks.setdefault(line.split()[0].lower(), number)

    chosen = [
        w
        for w in senses
        if len(w) >= 3 and w.isalpha() and w in dutch and w in dictionary and w in ranks
    ]
    chosen.sort(key=lambda w: (ranks[w], w))
    rows = []
    for word in chosen[:top]:
        if _plural_forms(word) & plurals:
            kind = "noun"
        elif word in adjectives:
            kind = "adj"
        elif word in verbs:
            kind = "verb"
        else:
            kind = "other"
        rows.append(f"{word}\t{ranks[word]}\t{kind}\t{','.join(sorted(senses[word]))}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("opentaal", type=Path, help="a checkout of OpenTaal/opentaal-wordlist")
    parser.add_argument("frequencies", type=Path, help='"word count" a line, most frequent first')
    parser.add_argument("--top", type=int, default=400)
    args = parser.parse_args()
    rows = build(args.opentaal, args.frequencies, args.top)
    OUT.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    sys.stdout.write(f"{len(rows)} words written to {OUT.relative_to(ROOT)}\n")


if __name__ == "__main__":
    main()
