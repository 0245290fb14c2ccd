"""Generated HTML blocks pass through Markdown as they are, and headings still make the TOC."""

from __future__ import annotations

import markdown

from civic_record.html_blocks import CLOSE, OPEN, GeneratedHtmlExtension, html_block


def render(text: str) -> str:
    return markdown.Markdown(extensions=["toc", "md_in_html", GeneratedHtmlExtension()]).convert(text)


def test_a_block_is_kept_byte_for_byte() -> None:
    block = '<div class="x">\n<pre><code>  two  spaces *not emphasis*\n\tand a tab</code></pre>\n<p>a_b_c</p></div>'
    html = render("## Heading\n\n" + html_block(block) + "\n\nAfter *this*.")
    assert block.replace("\t", "    ") in html  # tabs are expanded before any block is read, as before
    assert '<h2 id="heading">Heading</h2>' in html
    assert "<p>After <em>this</em>.</p>" in html
    assert OPEN not in html and CLOSE not in html


def test_blocks_are_not_wrapped_in_paragraphs() -> None:
    html = render(html_block('<p class="a">one</p>') + "\n\n" + html_block("<ul><li>two</li></ul>"))
    assert html == '<p class="a">one</p>\n<ul><li>two</li></ul>'


def test_without_the_extension_markdown_reads_the_block_itself() -> None:
    """The control: Markdown alone parses the block (here, md_in_html would act on it)."""
    block = '<div markdown="1">*emphasis*</div>'
    plain = markdown.Markdown(extensions=["md_in_html"]).convert(html_block(block))
    assert "<em>emphasis</em>" in plain
    assert "<em>" not in render(html_block(block))


def test_an_unclosed_marker_leaves_the_text_to_markdown() -> None:
    html = render(OPEN + "\n<p>kept</p>\n\nand *text*")
    assert "<p>kept</p>" in html and "<em>text</em>" in html
