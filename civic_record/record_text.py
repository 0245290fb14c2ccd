"""A record's Markdown text (letter body, minutes, SOP text) as sanitized HTML.

Record text is untrusted: it may carry HTML pasted from e-mail or a hostile payload. It is
rendered by its own Markdown instance and then cleaned with an allow-list sanitizer (nh3,
the Python binding of Rust's ammonia), so nothing but plain document markup reaches a page.

Rendering time is bounded as well: ``text_limits`` (see that module) refuses text whose shape
would make Python-Markdown or nh3 take too long, and :func:`render_record_text` checks it first.
"""

from __future__ import annotations

import functools
import re

import markdown
import nh3

from .problem_codes import Code
from .text_limits import TextLimitProblem, TextTooComplexError, text_limits

__all__ = [
    "TextLimitProblem",
    "TextTooComplexError",
    "forget_rendered",
    "is_rendered",
    "keep_rendered",
    "render_record_text",
    "sanitize_html",
    "text_limits",
]

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "ins",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "li": {"id"},
    "div": {"class"},
    "sup": {"id"},
    "ol": {"start"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "abbr": {"title"},
}
URL_SCHEMES = {"http", "https", "mailto"}


@functools.cache
def _converter() -> markdown.Markdown:
    """One converter, reset before each record: building one costs more than converting."""
    return markdown.Markdown(
        extensions=["footnotes", "tables", "sane_lists"],
        extension_configs={"footnotes": {"UNIQUE_IDS": False, "BACKLINK_TITLE": "Back to reference %d"}},
        output_format="html",
    )


_RENDERED: dict[str, str] = {}
"""Each text rendered since :func:`forget_rendered`, by its Markdown: ``check`` renders every
record's text, and the pages then show it again (the same text renders the same HTML)."""


def forget_rendered() -> None:
    """Let go of the texts rendered so far (``check_records`` does, for each corpus it reads)."""
    _RENDERED.clear()


def keep_only_rendered(texts: set[str]) -> None:
    """Let go of the texts rendered so far but these (a serve's texts no record holds any more)."""
    for text in [text for text in _RENDERED if text not in texts]:
        del _RENDERED[text]


def is_rendered(text: str) -> bool:
    """Whether ``text`` was rendered since :func:`forget_rendered`."""
    return text in _RENDERED


def keep_rendered(text: str, rendered: str) -> None:
    """Keep ``rendered``, the HTML :func:`render_record_text` made of ``text`` in another process."""
    _RENDERED[text] = rendered


def render_record_text(text: str, *, within_limits: bool = False) -> str:
    """Markdown (with footnotes and tables) to sanitized HTML.

    Raises :class:`TextTooComplexError` for text that exceeds :func:`text_limits` (or nests deeper
    than Python can recurse), rather than hanging the build. ``within_limits``: the caller ran
    :func:`text_limits` on this text already and it found nothing."""
    if not text.strip():
        return ""
    rendered = _RENDERED.get(text)
    if rendered is not None:
        return rendered
    if not within_limits:
        problems = text_limits(text)
        if problems:
            raise TextTooComplexError(problems)
    rendered = _render(text)
    _RENDERED[text] = rendered
    return rendered


def _render(text: str) -> str:
    try:
        rendered = _converter().reset().convert(text)
    except Exception as exc:
        # A conversion cut short leaves state behind that reset() does not clear (the block
        # parser's stack of list states): later records would render wrongly. Start afresh.
        _converter.cache_clear()
        if not isinstance(exc, RecursionError):
            raise
        problem = TextLimitProblem(
            1,
            1,
            Code.TEXT_TOO_DEEP,
            "the text is nested too deeply to render",
            "flatten nested lists, quotes and emphasis",
        )
        raise TextTooComplexError([problem]) from exc
    # Headings inside record text step down one level: the page's own h1/h2 frame them.
    for level in range(5, 0, -1):
        rendered = rendered.replace(f"<h{level}", f"<h{level + 1}").replace(f"</h{level}>", f"</h{level + 1}>")
    return sanitize_html(rendered)


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    # Ids exist only for footnote links; any other id could hijack a heading's anchor.
    if name == "id" and not value.startswith(("fn:", "fnref:")):
        return None
    # Only the footnotes' own class: any other could borrow the theme's, e.g. a fixed
    # "dialog" box showing a hostile notice under the city's name.
    if name == "class":
        return "footnote" if "footnote" in value.split() else None
    # A scheme-relative address ("//host/x", or "\\host" which browsers read the same way) links
    # to another host without saying http(s): only the allowed schemes may do that.
    if name in ("href", "src", "cite") and re.match(r"[\s\x00-\x1f]*[/\\][/\\]", value):
        return None
    return value


def sanitize_html(fragment: str) -> str:
    """Keep only document markup; drop scripts, styles, event handlers and unsafe URLs."""
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
