"""A DOCX template without the parts nothing in it uses (issue 16: the package's PDF copies).

The templates are written by python-docx (``documents.builder``), whose blank document carries
Word 2010's whole style gallery: 164 styles (100 of them table styles), 137 latent styles, a
second copy of them all in ``stylesWithEffects.xml`` (438 KB), a thumbnail, a custom XML item
and web settings — 840 KB of XML in a document whose text is 13 KB. LibreOffice imports every
style of it for each document it converts, and python-docx parses and writes ``styles.xml``
for each document it fills. Measured on the 221 documents of school A's package (LibreOffice
7.4, one run of 60 documents): 13.9 CPU-seconds as they were, 7.4 without these parts; the
pages, rendered by ``pdftoppm``, are the same pixel for pixel.
"""

from __future__ import annotations

import io
import logging
import posixpath
import re
import zipfile

from lxml import etree

logger = logging.getLogger("nastavnik.documents")

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STYLES = "word/styles.xml"
#: Parts no document of ours shows: Word 2010's second copy of the styles, the thumbnail of the
#: blank document, its custom XML item (a bibliography's sources) and web settings.
UNUSED_PARTS = frozenset(
    {
        "word/stylesWithEffects.xml",
        "docProps/thumbnail.jpeg",
        "word/webSettings.xml",
        "customXml/item1.xml",
        "customXml/itemProps1.xml",
        "customXml/_rels/item1.xml.rels",
    }
)
#: Styles kept whether or not the template names them: the code that fills a document may ask
#: for them by name (python-docx ``table.style = "Table Grid"``).
ALWAYS_KEPT = frozenset({"Normal", "TableGrid", "DefaultParagraphFont", "TableNormal", "NoList"})
_STYLE_REFERENCE = re.compile(
    rb'w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink|basedOn|next|link) w:val="([^"]+)"'
)


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _xml(element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)


def _used_styles(parts: dict[str, bytes], styles) -> set[str]:
    """The style ids the parts other than ``styles.xml`` name, the defaults and
    ``ALWAYS_KEPT``, with every style these are based on, followed by or linked to."""
    by_id = {style.get(_w("styleId")): style for style in styles.iter(_w("style"))}
    wanted = set(ALWAYS_KEPT)
    for name, content in parts.items():
        if name.startswith("word/") and name.endswith(".xml") and name != _STYLES:
            wanted.update(value.decode() for value in _STYLE_REFERENCE.findall(content))
    wanted.update(key for key, style in by_id.items() if style.get(_w("default")) == "1")
    kept: set[str] = set()
    pending = [key for key in wanted if key in by_id]
    while pending:
        key = pending.pop()
        if key in kept:
            continue
        kept.add(key)
        pending.extend(
            value.decode()
            for value in _STYLE_REFERENCE.findall(etree.tostring(by_id[key]))
            if value.decode() in by_id
        )
    return kept


def _lean_styles(parts: dict[str, bytes]) -> bytes:
    styles = etree.fromstring(parts[_STYLES])
    kept = _used_styles(parts, styles)
    for style in list(styles.iter(_w("style"))):
        if style.get(_w("styleId")) not in kept:
            style.getparent().remove(style)
    latent = styles.find(_w("latentStyles"))
    if latent is not None:
        styles.remove(latent)
    return _xml(styles)


def _lean_relationships(parts: dict[str, bytes], dropped: set[str]) -> None:
    """Remove from every ``.rels`` part and from ``[Content_Types].xml`` the parts ``dropped``."""
    for name in [name for name in parts if name.endswith(".rels")]:
        relationships = etree.fromstring(parts[name])
        # «word/_rels/document.xml.rels» speaks of targets relative to «word/».
        base = posixpath.dirname(posixpath.dirname(name))
        changed = False
        for relationship in list(relationships):
            target = relationship.get("Target", "")
            if relationship.get("TargetMode") == "External":
                continue
            full = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(base, target))
            )
            if full in dropped:
                relationships.remove(relationship)
                changed = True
        if changed:
            parts[name] = _xml(relationships)
    types = etree.fromstring(parts["[Content_Types].xml"])
    for override in list(types):
        if override.get("PartName", "").lstrip("/") in dropped:
            types.remove(override)
    parts["[Content_Types].xml"] = _xml(types)


def lean_template(content: bytes) -> bytes:
    """``content`` (the bytes of a DOCX template) without the styles no part of it names
    (nor the code filling it, ``ALWAYS_KEPT``), without latent styles and without
    ``UNUSED_PARTS``; the text, the numbering, the theme, the fonts and the settings are kept
    as they are, so the document looks the same. A file that is not a DOCX as expected is
    returned unchanged (it fails, if it must, where it is filled)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
        if _STYLES not in parts or "[Content_Types].xml" not in parts:
            return content
        parts[_STYLES] = _lean_styles(parts)
        dropped = set(UNUSED_PARTS) & set(parts)
        for name in dropped:
            del parts[name]
        _lean_relationships(parts, dropped)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        return buffer.getvalue()
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        logger.warning("Template left as it is (%s)", exc)
        return content
