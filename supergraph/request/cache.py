"""A small LRU cache used for parsed documents, validation results and plans; ``token_key``."""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from typing import Generic, Hashable, TypeVar

V = TypeVar("V")


class LRUCache(Generic[V]):
    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()

    def get(self, key: Hashable) -> V | None:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: Hashable, value: V) -> V:
        self._items[key] = value
        self._items.move_to_end(key)
        if len(self._items) > self.size:
            self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)


# GraphQL's lexical tokens (block strings, strings, names, numbers, punctuators, any other
# character on its own) and what the lexer ignores between them: spaces, tabs, line ends,
# commas, byte order marks (group 1) and comments (group 2).
_IGNORED = r"[\t\n\r ,\ufeff]+"
_COMMENT = r"#[^\n\r\ud800-\udfff]*"
_TOKENS = re.compile(
    rf'({_IGNORED})|({_COMMENT})|("""(?:[^"]|"(?!""))*"""|"[^"\n\r]*"'
    r"|[_A-Za-z][_0-9A-Za-z]*|-?\d[\d.eE+-]*|\.\.\.|[!$&()\[\]{}:=@|]|.)", re.S)
_IGNORED_RUN = re.compile(_IGNORED)
_PUNCTUATORS = frozenset("!$&()[]{}:=@|") | {"..."}
_COMMENTS = re.compile(_COMMENT)


def token_key(query: str) -> str | None:
    """A key equal for documents that differ only in what the lexer ignores (spacing, commas,
    the text of comments): they parse to the same document, with the same token count.

    None for documents with backslashes or NUL characters (string escapes: the patterns above
    would not find the same token boundaries as the lexer in every case)."""
    if "\\" in query or "\x00" in query:
        return None
    if '"' not in query:
        # No strings: every "#" outside a comment starts one (and a line end or the end of the
        # text follows it); every run of ignored characters is one separator.
        comments = len(_COMMENTS.findall(query))
        text = "a:" + _IGNORED_RUN.sub(" ", _COMMENTS.sub("", query) if comments else query)
    else:
        # Between two tokens neither of which is a punctuator, whether ignored text stood
        # between them matters to the lexer ("1 y" is two tokens, "1y" an error; '"" ""' two
        # strings, '""""' an unterminated block string): "\x01" marks it there.
        parts: list[str] = []
        comments, apart, previous = 0, False, "{"
        for _ignored, comment, token in _TOKENS.findall(query):
            if token:
                loose = apart and previous not in _PUNCTUATORS and token not in _PUNCTUATORS
                parts.append(("\x01" if loose else "\x00") + token)
                apart, previous = False, token
            else:
                comments += bool(comment)
                apart = True
        text = "b:" + "".join(parts)
    digest = hashlib.sha256(f"{comments}|{text}".encode("utf-8", "surrogatepass")).hexdigest()
    return "t:" + digest
