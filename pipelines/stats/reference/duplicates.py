#!/usr/bin/python3
"""Reference values for pipelines/stats/duplicates (exact duplicate groups, near-duplicate text).

Run from the repository root with Debian's python:

    /usr/bin/python3 pipelines/stats/reference/duplicates.py

It (re)writes fixtures/duplicates-rows.csv (movies from the vega-datasets npm package,
BSD-3-Clause, with copies added) and fixtures/duplicates-texts.csv (real movie titles and
paragraphs written for this fixture, each with near-duplicate variants made by seeded edits),
reads them back as the tests do (every column as text, empty field = missing), and writes
duplicates.json.

Near-duplicates are computed twice, independently:
- by brute force: the exact Jaccard similarity of the shingle sets of every pair of distinct
  texts, which is the ground truth the MinHash search must find (no pair missed);
- by the same seeded MinHash and LSH banding the SQL uses (md5-derived universal hashes), which
  must propose exactly the same candidate pairs as DuckDB on both engines.
"""
import csv
import hashlib
import json
import random
import re
from collections import defaultdict
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
FIXTURES = HERE / "fixtures"
VEGA = ROOT / "node_modules" / "vega-datasets" / "data"
PRIME = 2147483647
LIMIT = 10
ROWS_PER_GROUP = 20

PARAGRAPHS = [
    "A training set is only as good as the rows that reach the model. Before every run we check that the labels "
    "are present, that the identifiers are unique, and that no file was silently truncated on the way from storage.",
    "Near-duplicate examples inflate the apparent accuracy of a model, because the test split ends up holding "
    "slightly reworded copies of training rows. Finding them requires comparing texts by their content, not by bytes.",
    "The annotation guidelines ask each reviewer to read the whole message before choosing a label, and to mark "
    "the message as unclear rather than guess when the intent cannot be decided from the text alone.",
    "Shingling turns a document into a set of short overlapping pieces of text. Two documents that share most of "
    "their pieces are similar, and the Jaccard index measures that share as intersection over union.",
    "When the weekly export arrived two days late, the pipeline refused to publish a new snapshot, and the team "
    "traced the delay to a storage bucket whose lifecycle rule had moved the raw files to cold storage.",
    "Class imbalance is not a defect in itself, but a model trained on a dataset where one class covers ninety "
    "percent of the rows will learn to predict that class unless the loss or the sampling accounts for it.",
    "Every rejected row keeps its file name and line number, so a person can open the source file, find the "
    "exact line that failed, and decide whether the parser or the data needs to change.",
    "Deterministic sampling means that the same seed and the same rows always produce the same split, whatever "
    "the number of threads, the order of the input files, or the machine that runs the job.",
]


def write_csv(name, header, rows):
    FIXTURES.mkdir(parents=True, exist_ok=True)
    with open(FIXTURES / name, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["row", *header])
        for index, row in enumerate(rows, start=1):
            writer.writerow([index, *["" if value is None else value for value in row]])


def text(value):
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def swap_letters(rng, value):
    positions = [i for i in range(len(value) - 1) if value[i].isalpha() and value[i + 1].isalpha()]
    if not positions:
        return value + "!"
    i = rng.choice(positions)
    return value[:i] + value[i + 1] + value[i] + value[i + 2:]


def replace_word(rng, value):
    words = value.split(" ")
    i = rng.randrange(len(words))
    words[i] = rng.choice(["data", "model", "label", "row", "file", "seed"])
    return " ".join(words)


def reformat(rng, value):
    """Case and whitespace changes only: an exact copy once normalised."""
    words = value.split(" ")
    return (rng.choice(["  ", "\t", " \n "])).join(w.upper() if rng.random() < 0.3 else w for w in words) + rng.choice(["", " ", "\t"])


def make_fixtures():
    movies = json.loads((VEGA / "movies.json").read_text(encoding="utf-8"))

    rng = random.Random(20)
    base = [[text(m["Title"]), m["Major Genre"], m["MPAA Rating"], text(m["IMDB Rating"])] for m in movies[:300]]
    copies = [list(rng.choice(base)) for _ in range(30)]
    blanks = [[None, None, None, None]] * 3 + [["Untitled", None, None, None]] * 2
    rows = base + copies + blanks
    rng.shuffle(rows)
    write_csv("duplicates-rows.csv", ["title", "genre", "mpaa", "imdb_rating"], rows)

    rng = random.Random(21)
    titles = [text(m["Title"]) for m in movies[:1800:3] if m["Title"] is not None]
    texts = [["title", t] for t in titles]
    for title in rng.sample(titles, 90):
        edit = rng.choice([reformat, swap_letters, replace_word, lambda r, v: "The " + v, lambda r, v: v + " 2"])
        texts.append(["title variant", edit(rng, title)])
    for paragraph in PARAGRAPHS:
        texts.append(["paragraph", paragraph])
        texts.append(["paragraph variant", reformat(rng, paragraph)])
        texts.append(["paragraph variant", replace_word(rng, paragraph)])
        texts.append(["paragraph variant", swap_letters(rng, replace_word(rng, paragraph))])
        sentences = paragraph.split(". ")
        texts.append(["paragraph rewrite", ". ".join(reversed(sentences))])
        texts.append(["paragraph rewrite", " ".join(paragraph.split(" ")[: len(paragraph.split(" ")) // 2])])
    texts += [["empty", None], ["empty", "   "], ["empty", "\t"], ["short", "Up"], ["short", "up"], ["short", "Cars"]]
    rng.shuffle(texts)
    write_csv("duplicates-texts.csv", ["kind", "text"], texts)


def read_fixture(name):
    with open(FIXTURES / name, newline="", encoding="utf-8") as file:
        rows = []
        for record in csv.DictReader(file):
            row = {key: (None if value == "" else value) for key, value in record.items()}
            row["row"] = int(row["row"])
            rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------
# Exact duplicates


def duplicate_groups(rows, columns, keys):
    groups = defaultdict(list)
    for row in rows:
        key = tuple(row[c] for c in columns)
        if keys and all(value is None for value in key):
            continue
        groups[key].append(row["row"])
    repeated = [(key, members) for key, members in groups.items() if len(members) > 1]
    repeated.sort(key=lambda entry: min(entry[1]))
    rows_in_groups = sum(len(members) for _, members in repeated)
    return {
        "columns": columns,
        "rows": sum(len(members) for members in groups.values()),
        "groups": len(repeated),
        "rowsInGroups": rows_in_groups,
        "duplicateRows": rows_in_groups - len(repeated),
        "examples": [
            {"values": dict(zip(columns, key)), "count": len(members), "rows": sorted(members)[:ROWS_PER_GROUP]}
            for key, members in repeated[:LIMIT]
        ],
    }


# ---------------------------------------------------------------------------------------------
# Near duplicates


def normalise(value):
    return re.sub(r"[\t\n\x0b\x0c\r ]+", " ", value.lower()).strip(" ")


def shingles(value, kind, size):
    if kind == "char":
        return {value[i:i + size] for i in range(max(len(value) - size + 1, 1))}
    words = value.split(" ")
    return {" ".join(words[i:i + size]) for i in range(max(len(words) - size + 1, 1))}


def md5_number(value, digits=8):
    return int(hashlib.md5(value.encode("utf-8")).hexdigest()[:digits], 16)


def bands_for(threshold, hashes):
    for rows in range(hashes, 0, -1):
        if hashes % rows == 0 and (1 - threshold ** rows) ** (hashes // rows) <= 1e-6:
            return hashes // rows
    return hashes


def components(nodes, edges):
    parent = {node: node for node in nodes}

    def find(node):
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {node: find(node) for node in nodes}


def near_duplicates(rows, column, settings):
    kind = settings.get("shingle", "char")
    size = settings.get("size", 5 if kind == "char" else 3)
    threshold = settings.get("threshold", 0.8)
    hashes = settings.get("hashes", 128)
    seed = settings.get("seed", 0)
    bands = settings.get("bands", bands_for(threshold, hashes))
    per_band = hashes // bands

    doc_of = {}
    first = {}
    for row in rows:
        if row[column] is None:
            continue
        value = normalise(row[column])
        if value == "":
            continue
        first.setdefault(value, row["row"])
        doc_of[row["row"]] = first[value]
    sets = {doc: shingles(value, kind, size) for value, doc in first.items()}
    docs = sorted(sets)

    # Ground truth: every pair of distinct texts.
    truth = {}
    for a, b in combinations(docs, 2):
        common = len(sets[a] & sets[b])
        if common:
            similarity = common / (len(sets[a]) + len(sets[b]) - common)
            if similarity >= threshold:
                truth[(a, b)] = similarity

    # The same MinHash and LSH as the SQL.
    coefficients = [(1 + md5_number(f"{seed}\x1fminhash-a\x1f{i}") % (PRIME - 1), md5_number(f"{seed}\x1fminhash-b\x1f{i}") % PRIME) for i in range(hashes)]
    buckets = defaultdict(list)
    for doc in docs:
        xs = {md5_number(s) % PRIME for s in sets[doc]}
        signature = [min((a * x + b) % PRIME for x in xs) for a, b in coefficients]
        for band in range(bands):
            buckets[(band, tuple(signature[band * per_band:(band + 1) * per_band]))].append(doc)
    candidates = set()
    for members in buckets.values():
        candidates.update(combinations(sorted(members), 2))
    found = {}
    for a, b in candidates:
        common = len(sets[a] & sets[b])
        similarity = common / (len(sets[a]) + len(sets[b]) - common)
        if similarity >= threshold:
            found[(a, b)] = similarity
    assert found == truth, f"MinHash missed {sorted(set(truth) - set(found))[:5]}"

    cluster_of_doc = components(docs, found)
    clusters = defaultdict(list)
    for row, doc in doc_of.items():
        clusters[cluster_of_doc[doc]].append(row)
    listed = sorted(((c, sorted(members)) for c, members in clusters.items() if len(members) > 1), key=lambda entry: (-len(entry[1]), entry[0]))
    text_of = {row["row"]: row[column] for row in rows}
    later = {row for row, doc in doc_of.items() if row > doc} | {b for _, b in found}
    return {
        "settings": {"shingle": kind, "size": size, "threshold": threshold, "hashes": hashes, "bands": bands, "seed": seed,
                     "maxCandidates": 10_000_000, "rowsPerBand": per_band},
        "documents": len(doc_of),
        "distinctTexts": len(docs),
        "candidatePairs": len(candidates),
        "similarPairs": len(found),
        "laterDuplicates": len(later),
        "clusters": len(listed),
        "rowsInClusters": sum(len(members) for _, members in listed),
        "clusterList": [
            {"cluster": c, "size": len(members), "texts": len({doc_of[r] for r in members}), "rows": members[:ROWS_PER_GROUP], "text": text_of[c]}
            for c, members in listed
        ],
        "pairs": [{"row": a, "otherRow": b, "jaccard": s} for (a, b), s in sorted(found.items())],
    }


def main():
    make_fixtures()
    records = read_fixture("duplicates-rows.csv")
    everything = ["title", "genre", "mpaa", "imdb_rating"]
    exact = [
        {"name": "whole rows", "columns": None, "expected": duplicate_groups(records, everything, keys=False)},
        {"name": "title", "columns": ["title"], "expected": duplicate_groups(records, ["title"], keys=True)},
        {"name": "genre and rating", "columns": ["genre", "mpaa"], "expected": duplicate_groups(records, ["genre", "mpaa"], keys=True)},
    ]
    texts = read_fixture("duplicates-texts.csv")
    near = []
    for name, settings in [
        ("defaults: char 5-grams, 0.8", {}),
        ("char 5-grams, 0.5", {"threshold": 0.5}),
        ("word 2-grams, 0.6", {"shingle": "word", "size": 2, "threshold": 0.6}),
        ("char 3-grams, 0.9, 64 hashes in 16 bands, seed 7", {"size": 3, "threshold": 0.9, "hashes": 64, "bands": 16, "seed": 7}),
    ]:
        near.append({"name": name, "column": "text", "options": settings, "expected": near_duplicates(texts, "text", settings)})

    defaults = near[0]["expected"]
    assert defaults["similarPairs"] > 20 and defaults["clusters"] > 20, defaults
    assert any(abs(p["jaccard"] - 0.8) < 1e-12 for p in near[0]["expected"]["pairs"]), "no pair exactly at the threshold"

    document = {
        "generatedBy": "pipelines/stats/reference/duplicates.py",
        "limit": LIMIT,
        "rowsPerGroup": ROWS_PER_GROUP,
        "rowsFixture": "duplicates-rows.csv",
        "textsFixture": "duplicates-texts.csv",
        "exact": exact,
        "near": near,
    }
    (HERE / "duplicates.json").write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
