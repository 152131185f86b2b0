"""Text from links, files and data, made safe to show inside Markdown or a plotly figure."""

from __future__ import annotations

import html
import re

# What can turn text into a link, an image, HTML, emphasis, code, maths or a coloured span
# (Streamlit's colours and icons need a "[" too). Plain punctuation such as "-" or "." stays as
# it is, so messages read normally.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|<>~$])")


def md_escape(text: object) -> str:
    """The text with every Markdown-active character escaped, so it shows as written and never as a link or image."""
    return _SPECIAL.sub(r"\\\1", str(text))


def figure_text(text: object) -> str:
    """Text for a plotly title, label, legend, axis or hover, shown as written and never as markup.

    Plotly draws a subset of HTML in every text it shows (<b>, <br>, <a href>, <span style>), and
    decodes entities; escaping &, < and > leaves none of a name's own tags active. "%{" is
    also escaped, so a name inside a hover template cannot pull in another field.
    """
    return html.escape(str(text), quote=False).replace("%{", "&#37;{")


def html_text(text: object) -> str:
    """Text for inside our own HTML on a page: tags escaped, and on one line.

    Markdown is not read inside an HTML block, but a blank line would end the block and let the
    rest be read as Markdown (links, images); folding whitespace keeps the text in the block.
    """
    return html.escape(" ".join(str(text).split()))
