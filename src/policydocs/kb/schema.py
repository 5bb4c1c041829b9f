"""The Whoosh schema and how documents are partitioned into shards.

Text fields hold pre-tokenised text (space separated, from `analyzer.tokenize`), so Whoosh
never runs jieba itself; positions are not stored because ranking does not use phrases.
Three shards: current national texts (法律 … 司法解释), current local/policy texts, and
older versions. Searching each shard for
its own top candidates keeps a national clause from being crowded out by the many local
rules that repeat its words, and keeps each query's posting lists short.
"""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import SpaceSeparatedTokenizer

from policydocs.model import STATUS_CURRENT, Document

SHARDS = ("national", "local", "old")
NATIONAL_LEVEL = 3  # AUTHORITY level up to which a document is national


def shard_of(document: Document) -> str:
    """Amended and repealed versions live in their own shard, so that the default search
    (current law only) needs no filter — a Whoosh filter costs a set test per posting."""
    if document.status != STATUS_CURRENT:
        return "old"
    return "national" if document.level <= NATIONAL_LEVEL and document.region == "全国" else "local"


def whoosh_schema() -> fields.Schema:
    text = {"analyzer": SpaceSeparatedTokenizer(), "phrase": False}
    return fields.Schema(
        cid=fields.STORED,
        body=fields.TEXT(**text),
        title=fields.TEXT(field_boost=0.4, **text),
        doc=fields.ID,
        region=fields.KEYWORD(commas=True),
    )
