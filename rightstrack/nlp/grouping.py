"""Grouping statements that make the same point, across provinces: the "recurring shortcomings",
"proposals" and "lessons" parts of the consolidated pack.

Django-free. The caller hands in statements (a text, the source it came from, a key to link back) and gets
groups back: a representative wording, every member, the distinct sources, ranked by how many sources share
the point. How alike two statements are is a port (``Similarity``): the lexical adapter here works for
Vietnamese and English with no model (diacritics-insensitive syllables and compounds, TF-IDF, cosine); an
embedding adapter can replace it without touching the clustering or the callers.

The method (docs/decisions/0030-statement-grouping.md):

1. ``split_statements``: sentences (``nlp.sentences``), and the clauses a semicolon joins (reports chain
   points with ";"); list markers and lead-ins ("Nguyên nhân khách quan:") dropped, a clause that ends with
   ":" (it introduces a list) and fragments under ``MIN_WORDS`` words dropped.
2. ``features``: the language from ``nlp.language``; text folded with ``core.text.fold`` (no diacritics, no
   case); Vietnamese syllables plus the words of two syllables or more that ``nlp.segment`` (pyvi) finds,
   weighed at ``PAIR_WEIGHT``; English words lightly stemmed, plus adjacent pairs; stop words out.
3. ``LexicalSimilarity``: TF-IDF (sublinear tf, smoothed idf over the statements being grouped), cosine;
   only pairs that share a feature are scored (an inverted index), so the work grows with the overlaps.
4. ``group_statements``: average-linkage agglomerative clustering, stopping at ``DEFAULT_THRESHOLD``, the
   value measured on a labelled set of pairs (``benchmarks/bench_grouping.py``, docs/benchmarks.md).
"""

from __future__ import annotations

import heapq
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from rightstrack.core.text import fold
from rightstrack.nlp.language import EN, VI, detect_language
from rightstrack.nlp.segment import segment_words
from rightstrack.nlp.sentences import split_sentences

#: Average similarity at or above which two clusters merge. Measured, not tuned by hand: the threshold with
#: the best F0.5 (precision weighs double) on the dev points of benchmarks/data/grouping_points.json.
DEFAULT_THRESHOLD = 0.17
#: Pairs scored below this share of the threshold count as unrelated (0) in the clustering: they barely move
#: an average, and leaving them out keeps the work in proportion to the real overlaps.
FLOOR_SHARE = 0.5
#: How much a word of several syllables (segmented) or an English word pair weighs against one syllable or
#: word (docs/benchmarks.md).
PAIR_WEIGHT = 0.5
MIN_WORDS = 4
BLOCK_ROWS = 512  # rows of the similarity product computed at once
MODEL_VERSION = "lexical-tfidf-3"

_SEMICOLON = re.compile(r";\s+")
_LIST_MARKER = re.compile(
    r"^\s*(?:[-–—+•*·]+|\(?[0-9]{1,2}[.)]|\(?[a-zđ][.)]|[IVX]{1,4}\.)\s*", re.IGNORECASE
)
# "Nguyên nhân khách quan:", "Objective causes:": a short label before a colon introduces the point.
_LEAD_IN = re.compile(r"^[^:]{1,40}:\s+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)

# Function words, folded. Syllables that are also halves of content compounds once folded ("co" in "cơ chế",
# "ban" in "ban hành") stay out of this list: the idf weighs them down instead.
VI_STOP = frozenset(
    """va cua cac nhung la duoc trong cho voi mot so nay do de o tai thi ma khi da dang se con chua rat nhieu
    cung nhu ve tu theo den hoac moi tung viec van nen vi neu tuy nhung cu bi boi lai ra vao len xuong
    them hon nhat dieu ay kia day nao gi ai sao the vay nua luc hay co_the""".split()
)
EN_STOP = frozenset(
    """a an the and or of to in on at for by with from as is are was were be been being it its this that these
    those there their they them we our us which who whom whose what when where while not no nor but if then
    than so such too very can could may might must shall should will would has have had do does did done
    into over under between among about also still yet some any each every other more most many much few
    all both either neither own same only just again further once here how why up down out off""".split()
)

# English inflections, longest first: a light stem so "trained"/"training"/"trains" meet.
_EN_SUFFIXES = ("ational", "ization", "ations", "ation", "ments", "ment", "ness", "ings", "ing", "ies",
                "ied", "ers", "er", "ed", "es", "ly", "s")  # fmt: skip
_VI_MARKS = re.compile(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.I)


# Statements in, groups out ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    """One point someone made: its text, who made it (``source``: a province), and ``key`` to link back."""

    text: str
    source: str
    key: str = ""


@dataclass(frozen=True)
class Group:
    """Statements that make the same point. ``sources`` are distinct, in the order they first appear."""

    representative: Statement
    members: tuple[Statement, ...]
    sources: tuple[str, ...]
    cohesion: float = 1.0  # the average similarity among the members (1.0 for one statement)

    @property
    def source_count(self) -> int:
        return len(self.sources)


class Similarity(Protocol):
    """The port: how alike statements are. ``pairs`` returns {(i, j): score in [0, 1]} for i < j, leaving out
    pairs below ``floor`` (an adapter may return more). ``version`` is stored with what it produced."""

    version: str

    def pairs(self, texts: Sequence[str], *, floor: float) -> dict[tuple[int, int], float]: ...


# Splitting ----------------------------------------------------------------------------------------------

Splitter = Callable[[str], list[str]]


def split_clauses(text: str) -> list[str]:
    """Sentences (``nlp.sentences``: abbreviations, initials, numbers and dates do not end one), then the
    clauses a semicolon joins: Vietnamese reports chain several points into one sentence with ";"."""
    pieces: list[str] = []
    for sentence in split_sentences(text or ""):
        pieces.extend(clause for clause in _SEMICOLON.split(sentence) if clause.strip())
    return pieces


def clean_statement(piece: str) -> str:
    """A clause as a statement: list marker and a short lead-in dropped, ends tidied, first letter raised."""
    text = _LIST_MARKER.sub("", piece.strip())
    text = _LEAD_IN.sub("", text, count=1) if len(text) > 60 else text
    text = text.strip(" \t;,:-–—").rstrip(".")
    if not text:
        return ""
    return text[0].upper() + text[1:] + "."


def split_statements(text: str, *, splitter: Splitter | None = None) -> list[str]:
    """The points a passage makes, one per sentence or semicolon clause, each at least ``MIN_WORDS`` words."""
    out = []
    for piece in (splitter or split_clauses)(text):
        if piece.rstrip().endswith(":"):  # "… kiến nghị một số nội dung sau:" introduces a list, says nothing
            continue
        statement = clean_statement(piece)
        if len(_WORD.findall(statement)) >= MIN_WORDS:
            out.append(statement)
    return out


# Features -----------------------------------------------------------------------------------------------


# Frequent Vietnamese syllables, folded: Vietnamese typed without marks is still Vietnamese.
_VI_COMMON = VI_STOP | frozenset(
    """can bo cong tac nhan quyen kinh phi ho tro chinh sach phap luat tuyen truyen dia phuong xa tinh huyen
    nguoi dan toc thieu hoat dong chi dao ban hanh thuc hien nang cao nhan thuc dao tao boi duong thuong xuyen
    han che kho khan de nghi kien nghi xuat nguon luc bao dam quyen giam ngheo an sinh doi ngu kiem nhiem
    tai lieu van phong truc phoi hop nganh trung uong chinh phu bo cap uy quyen dong chua con nhieu
    it""".split()
)


def looks_vietnamese(text: str) -> bool:
    """``nlp.language`` decides; for a statement too short for it, Vietnamese letters with tone or vowel
    marks, or mostly Vietnamese syllables once folded."""
    language = detect_language(text)
    if language in (VI, EN):
        return language == VI
    marks = len(_VI_MARKS.findall(text))
    if marks >= 2 or (marks >= 1 and len(text) < 40):
        return True
    tokens = [token for token in _WORD.findall(fold(text)) if len(token) > 1]
    return bool(tokens) and sum(token in _VI_COMMON for token in tokens) >= 0.5 * len(tokens)


def _stem(word: str) -> str:
    if len(word) <= 4:
        return word
    for suffix in _EN_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            return stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem  # "planned" → "plan"
    return word


def features(text: str) -> list[str]:
    """The terms of a statement, folded (no diacritics, no case), stop words out. Vietnamese: every syllable,
    and every word of two syllables or more as ``nlp.segment`` finds it ("cán_bộ", "kiêm_nhiệm"), carrying
    a space; English: stemmed words and adjacent pairs. Terms with a space never collide with syllables."""
    if looks_vietnamese(text):
        out = []
        for word in segment_words(text):
            syllables = [s for s in _WORD.findall(fold(word)) if not s.isdigit()]
            out += [s for s in syllables if s not in VI_STOP and len(s) > 1]
            content = [s for s in syllables if s not in VI_STOP]
            if len(syllables) > 1 and content:
                out.append(" ".join(syllables))
        return out
    tokens = [token for token in _WORD.findall(fold(text)) if not token.isdigit()]
    terms = [_stem(token) for token in tokens]
    out = [term for term, raw in zip(terms, tokens, strict=True) if raw not in EN_STOP and len(term) > 1]
    pairs = list(zip(terms, tokens, strict=True))
    for (a, raw_a), (b, raw_b) in zip(pairs, pairs[1:], strict=False):
        if raw_a not in EN_STOP and raw_b not in EN_STOP:
            out.append(f"{a} {b}")
    return out


# The lexical adapter ------------------------------------------------------------------------------------


@dataclass
class LexicalSimilarity:
    """TF-IDF over ``features`` with cosine similarity; the idf comes from the texts being compared, so
    boilerplate every province writes ("còn hạn chế", "đề nghị") weighs little."""

    version: str = MODEL_VERSION
    featurize: Callable[[str], list[str]] = features
    max_df: float = 0.5  # a term in more than half the statements (and more than a few) says nothing apart
    pair_weight: float = PAIR_WEIGHT

    def vectors(self, texts: Sequence[str]) -> list[dict[str, float]]:
        counted = [Counter(self.featurize(text)) for text in texts]
        df: Counter[str] = Counter()
        for terms in counted:
            df.update(terms.keys())
        n = len(texts)
        ceiling = max(3, self.max_df * n)
        idf = {term: math.log((1 + n) / (1 + count)) + 1 for term, count in df.items() if count <= ceiling}
        vectors = []
        for terms in counted:
            weights = {
                t: (1 + math.log(c)) * idf[t] * (self.pair_weight if " " in t else 1.0)
                for t, c in terms.items()
                if t in idf
            }
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            vectors.append({t: w / norm for t, w in weights.items()})
        return vectors

    def pairs(self, texts: Sequence[str], *, floor: float) -> dict[tuple[int, int], float]:
        """Cosine of every pair of texts at or above ``floor``: one sparse matrix product, in row blocks so
        the memory stays bounded however many statements a pack has."""
        from scipy import sparse

        vectors = self.vectors(texts)
        vocabulary: dict[str, int] = {}
        rows, columns, values = [], [], []
        for row, vector in enumerate(vectors):
            for term, weight in vector.items():
                rows.append(row)
                columns.append(vocabulary.setdefault(term, len(vocabulary)))
                values.append(weight)
        if not vocabulary:
            return {}
        matrix = sparse.csr_matrix((values, (rows, columns)), shape=(len(texts), len(vocabulary)))
        transposed = matrix.T.tocsc()
        scores: dict[tuple[int, int], float] = {}
        for start in range(0, len(texts), BLOCK_ROWS):
            block = (matrix[start : start + BLOCK_ROWS] @ transposed).tocoo()
            keep = (block.data >= floor) & (block.row + start < block.col)
            for i, j, score in zip(
                (block.row[keep] + start).tolist(),
                block.col[keep].tolist(),
                block.data[keep].tolist(),
                strict=True,
            ):
                scores[(i, j)] = min(1.0, float(score))
            del block, keep
        return scores


def similarity(a: str, b: str, *, corpus: Sequence[str] = (), adapter: Similarity | None = None) -> float:
    """How alike two statements are (idf from ``corpus`` plus the two), for evaluation and tests."""
    texts = [a, b, *corpus]
    return (adapter or LexicalSimilarity()).pairs(texts, floor=1e-9).get((0, 1), 0.0)


# Clustering ---------------------------------------------------------------------------------------------


@dataclass
class _Cluster:
    members: list[int]
    links: dict[int, float] = field(default_factory=dict)  # other cluster id → sum of member similarities
    alive: bool = True


def cluster(n: int, scores: dict[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Average-linkage agglomerative clustering of ``n`` items, merging while the best average similarity
    between two clusters is at least ``threshold``; pairs absent from ``scores`` count as 0."""
    clusters = {i: _Cluster(members=[i]) for i in range(n)}
    heap: list[tuple[float, int, int]] = []
    for (i, j), score in scores.items():
        if i == j:
            continue
        clusters[i].links[j] = clusters[i].links.get(j, 0.0) + score
        clusters[j].links[i] = clusters[j].links.get(i, 0.0) + score
    for i, item in clusters.items():
        for j, total in item.links.items():
            if i < j and total >= threshold:
                heapq.heappush(heap, (-total, i, j))
    while heap:
        negative, a, b = heapq.heappop(heap)
        first, second = clusters[a], clusters[b]
        if not (first.alive and second.alive):
            continue
        average = first.links.get(b, 0.0) / (len(first.members) * len(second.members))
        if abs(-negative - average) > 1e-12:  # stale entry: the pair was re-scored after a merge
            continue
        if average < threshold:
            continue
        first.members.extend(second.members)
        second.alive = False
        first.links.pop(b, None)
        for other, total in second.links.items():
            if other == a:
                continue
            first.links[other] = first.links.get(other, 0.0) + total
            clusters[other].links.pop(b, None)
            clusters[other].links[a] = first.links[other]
        size = len(first.members)
        for other, total in first.links.items():
            score = total / (size * len(clusters[other].members))
            if score >= threshold:
                low, high = (a, other) if a < other else (other, a)
                heapq.heappush(heap, (-score, low, high))
        second.links.clear()
    return [sorted(c.members) for c in clusters.values() if c.alive]


def group_statements(
    statements: Sequence[Statement],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    adapter: Similarity | None = None,
) -> list[Group]:
    """Statements grouped by the point they make, ranked by how many sources share it, then by size, then
    by where the first one appears; a statement that shares its point with nobody is a group of one.

    Identical wordings (once folded) are one text to the similarity: provinces copy sentences from one
    another and from templates, and the copies need no comparing."""
    if not statements:
        return []
    owner: list[int] = []
    first_of: dict[str, int] = {}
    texts: list[str] = []
    for statement in statements:
        key = fold(statement.text, separators=True)
        if key not in first_of:
            first_of[key] = len(texts)
            texts.append(statement.text)
        owner.append(first_of[key])
    copies = Counter(owner)
    scores = (adapter or LexicalSimilarity()).pairs(texts, floor=threshold * FLOOR_SHARE)
    members_of: dict[int, list[int]] = defaultdict(list)
    for index, text_index in enumerate(owner):
        members_of[text_index].append(index)
    groups = []
    for cluster_texts in cluster(len(texts), scores, threshold):
        groups.append(_group(statements, cluster_texts, members_of, copies, scores))
    groups.sort(key=lambda g: (-g[0].source_count, -len(g[0].members), g[1]))
    return [group for group, _first in groups]


def _group(
    statements: Sequence[Statement],
    texts: list[int],
    members_of: dict[int, list[int]],
    copies: Counter[int],
    scores: dict[tuple[int, int], float],
) -> tuple[Group, int]:
    """The group of the statements behind ``texts``, and where its first statement stands. The
    representative is the wording most like the others, its copies counted (ties: the shorter)."""

    def score(i: int, j: int) -> float:
        return scores.get((i, j) if i < j else (j, i), 0.0)

    indexes = sorted(index for text in texts for index in members_of[text])
    members = tuple(statements[index] for index in indexes)
    sources = tuple(dict.fromkeys(member.source for member in members))
    if len(texts) == 1:
        return Group(representative=members[0], members=members, sources=sources), indexes[0]
    centrality = {i: (copies[i] - 1) + sum(score(i, j) * copies[j] for j in texts if j != i) for i in texts}
    best = max(texts, key=lambda i: (round(centrality[i], 9), -len(statements[members_of[i][0]].text), -i))
    pair_count = len(texts) * (len(texts) - 1) / 2
    cohesion = sum(score(i, j) for i, j in itertools.combinations(texts, 2)) / pair_count
    group = Group(
        representative=statements[members_of[best][0]],
        members=members,
        sources=sources,
        cohesion=round(cohesion, 4),
    )
    return group, indexes[0]


def statements_from(
    passages: Iterable[tuple[str, str, str]], *, splitter: Splitter | None = None
) -> list[Statement]:
    """(plain text, source, key prefix) passages → their statements, keyed ``prefix:n`` (n from 1)."""
    out = []
    for text, source, prefix in passages:
        for number, sentence in enumerate(split_statements(text, splitter=splitter), start=1):
            out.append(Statement(text=sentence, source=source, key=f"{prefix}:{number}"))
    return out


# Who a proposal is addressed to -------------------------------------------------------------------------

# (folded pattern, how it is shown), the more specific first: "Ban Chỉ đạo … Chính phủ" before "Chính phủ".
_AUTHORITIES: tuple[tuple[str, str], ...] = (
    (r"thu tuong chinh phu", "Thủ tướng Chính phủ"),
    (r"ban chi dao (?:nhan quyen )?(?:cua )?chinh phu(?: ve nhan quyen)?",
     "Ban Chỉ đạo nhân quyền của Chính phủ"),
    (r"van phong thuong truc(?: ve nhan quyen)?", "Văn phòng Thường trực về nhân quyền"),
    (r"quoc hoi", "Quốc hội"),
    (r"chinh phu", "Chính phủ"),
    (r"(?:cac )?bo,? nganh(?: trung uong| lien quan)?", "Các bộ, ngành Trung ương"),
    (r"prime minister", "Prime Minister"),
    (r"(?:government|national) (?:human rights )?steering committee(?: for human rights)?",
     "Government Steering Committee for Human Rights"),
    (r"standing office(?: on human rights)?", "Standing Office on Human Rights"),
    (r"national assembly", "National Assembly"),
    (r"central (?:ministries|ministries and agencies|agencies)", "Central ministries and agencies"),
    (r"(?:the )?government", "Government"),
)  # fmt: skip
_MINISTRY_VI = re.compile(
    r"\b(bo (?:tu phap|cong an|ngoai giao|noi vu|tai chinh|giao duc va dao tao|y te"
    r"|lao dong,? thuong binh va xa hoi|van hoa,? the thao va du lich|thong tin va truyen thong"
    r"|ke hoach va dau tu|nong nghiep va phat trien nong thon|nong nghiep va moi truong|quoc phong"
    r"|dan toc va ton giao|khoa hoc va cong nghe|xay dung))\b"
)
_MINISTRY_EN = re.compile(r"\bMinistry of [A-Z][\w'-]*(?:(?:,\s*|\s+and\s+|\s+)[A-Z][\w'-]*)*")
_ADDRESS = re.compile(
    r"\b(?:de nghi|kien nghi|de xuat|mong muon|request|recommend|propose|ask|urge|call on|suggest)\w*\b"
)


def addressee(text: str) -> str:
    """The authority a proposal is addressed to, when it names one ("Đề nghị Bộ Tư pháp …" → "Bộ Tư pháp");
    "" when it does not. Read from the words after the verb of asking, else anywhere in the statement."""
    folded = fold(text, separators=False)
    start = 0
    found = _ADDRESS.search(folded)
    if found:
        start = found.end()
    for window in (folded[start : start + 120], folded):
        best: tuple[int, str] | None = None
        for pattern, label in _AUTHORITIES:
            hit = re.search(r"\b" + pattern + r"\b", window)
            if hit and (best is None or hit.start() < best[0]):
                best = (hit.start(), label)
        ministry = _MINISTRY_VI.search(window)
        if ministry and (best is None or ministry.start() <= best[0]):
            best = (ministry.start(), _original_span(text, folded, window, ministry.span(1)))
        ministry_en = _MINISTRY_EN.search(text)
        if ministry_en and (best is None or window is folded):
            best = (ministry_en.start(), ministry_en.group(0))
        if best is not None:
            return best[1]
    return ""


def _original_span(text: str, folded: str, window: str, span: tuple[int, int]) -> str:
    """The words of ``text`` under a span of its folded window (fold keeps one character per character
    for composed Vietnamese)."""
    offset = folded.find(window)
    start, end = span[0] + max(offset, 0), span[1] + max(offset, 0)
    if len(folded) == len(text):
        original = text[start:end]
        return original[0].upper() + original[1:]
    return window[span[0] : span[1]].title()
