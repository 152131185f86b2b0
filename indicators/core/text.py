"""Text from links, files and data, made safe to show inside Markdown or a plotly figure."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Mapping

# What can turn text into a link, an image, HTML, emphasis, code, maths, a coloured span or an
# icon: Streamlit reads ":red[...]" and ":material/name:" as directives, which start at a ":".
# Plain punctuation such as "-" or "." stays as it is, so messages read normally.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|<>~$:])")

# Characters that reorder the text around them (embeddings, overrides, isolates and marks): a name
# could show "exe.txt" for "txt.exe". Each is replaced by a visible replacement character.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# An invisible word joiner: it keeps text looking as written but breaks a pattern apart.
_JOINER = "\u2060"
# What GitHub-flavoured Markdown turns into a link from bare text, after the Markdown is read
# (so a backslash cannot stop it): http:// and https:// addresses, www. addresses and e-mail addresses.
# Streamlit also reads ":material/name:" icons, ":red[...]" colours and ":emoji:" codes from the raw text
# before any escape is seen, so a joiner goes after every ":" that a letter follows.
_BARE_LINK = re.compile(r"(?i)(?<=http)(?=:)|(?<=https)(?=:)|(?<=\bwww)(?=\.)|(?<=@)(?=[-\w])|(?<=:)(?=[a-z])")


def neutral_bidi(text: object) -> str:
    """The text with every bidirectional control character replaced by U+FFFD, so it reads in stored order."""
    return BIDI_CONTROLS.sub("\ufffd", str(text))


def _unlinked(text: str) -> str:
    """Bare addresses broken by a word joiner, so Markdown shows them as text and not as links."""
    return _BARE_LINK.sub(_JOINER, text)


def md_escape(text: object) -> str:
    """The text as written for Markdown: never a link, image, icon, colour or formatting, and in stored order."""
    return _SPECIAL.sub(r"\\\1", _unlinked(neutral_bidi(text)))


def safe_file_stem(text: object) -> str:
    """A download's file name from data: letters, digits, "-", "_" and "." only, never hidden or empty."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", neutral_bidi(text)).strip("._")
    return stem[:120] or "download"


def figure_text(text: object) -> str:
    """Text for a plotly title, label, legend, axis or hover, shown as written and never as markup.

    Plotly draws a subset of HTML in every text it shows (<b>, <br>, <a href>, <span style>), and
    decodes entities; escaping &, < and > leaves none of a name's own tags active. "%{" is
    also escaped, so a name inside a hover template cannot pull in another field.
    """
    return html.escape(neutral_bidi(text), quote=False).replace("%{", "&#37;{")


def html_text(text: object) -> str:
    """Text for inside our own HTML on a page: tags escaped, and on one line.

    Markdown is not read inside an HTML block, but a blank line would end the block and let the
    rest be read as Markdown (links, images); folding whitespace keeps the text in the block.
    """
    return html.escape(_unlinked(" ".join(neutral_bidi(text).split())))


def distinct_labels(labels: Mapping[str, str]) -> dict[str, str]:
    """Labels for choices, each told apart: a label two ids share gets its id added, "Smoking (a)".

    Streamlit keeps a choice by the text it shows, so two choices shown alike would be read back
    as one; ids are unique, titles (from imports) need not be.
    """
    counts = Counter(labels.values())
    return {key: f"{label} ({key})" if counts[label] > 1 else label for key, label in labels.items()}
