"""The Whoosh schema and how documents are partitioned into shards.

Text fields hold pre-tokenised text (space separated, from `analyzer.tokenize`), so Whoosh
never runs jieba itself; positions are not stored because ranking does not use phrases.
Two shards: national texts (法律 … 司法解释) and local/policy texts. Searching each shard for
its own top candidates keeps a national clause from being crowded out by the many local
rules that repeat its words, and keeps each query's posting lists short.
"""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import SpaceSeparatedTokenizer

from policydocs.model import Document

SHARDS = ("national", "local")
NATIONAL_LEVEL = 3  # AUTHORITY level up to which a document is national


def shard_of(document: Document) -> str:
    return "national" if document.level <= NATIONAL_LEVEL and document.region == "全国" else "local"


def whoosh_schema() -> fields.Schema:
    text = {"analyzer": SpaceSeparatedTokenizer(), "phrase": False}
    return fields.Schema(
        cid=fields.STORED,
        body=fields.TEXT(**text),
        title=fields.TEXT(field_boost=0.4, **text),
        doc=fields.ID,
        status=fields.ID,
        region=fields.KEYWORD(commas=True),
    )
