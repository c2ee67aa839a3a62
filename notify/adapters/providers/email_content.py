"""An email's content as mail providers take it: the template's Markdown rendered to HTML and to plain text
the way Notify renders emails (level-one headings, bulleted and numbered lists, links and bare URLs, inset
text written with a leading `^`, horizontal rules; other Markdown is left as written), and the MIME message
with both parts and the headers a mail server needs (Reply-To, one-click List-Unsubscribe).

Rendering uses mistune (Notify's own choice of Markdown library) with renderers of our own: the parsing is
mistune's, only the output is ours."""

from __future__ import annotations

import re
from email.header import Header
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import Compat32
from email.utils import formataddr, formatdate, parseaddr
from functools import lru_cache
from html import escape
from typing import Any
from uuid import UUID

import mistune
from attrs import frozen

FONT = "font-family: Helvetica, Arial, sans-serif;"
PARAGRAPH = f"Margin: 0 0 20px 0; font-size: 19px; line-height: 25px; color: #0B0C0C; {FONT}"
HEADING = f"Margin: 0 0 20px 0; padding: 0; font-size: 27px; line-height: 35px; font-weight: bold; color: #0B0C0C; {FONT}"
LIST = "Margin: 0 0 0 20px; padding: 10px 0 10px 0;"
LIST_ITEM = f"Margin: 5px 0 5px 0; padding: 0 0 0 5px; font-size: 19px; line-height: 25px; color: #0B0C0C; {FONT}"
INSET = "Margin: 0 0 20px 0; border-left: 10px solid #B1B4B6; padding: 15px 0 0.1px 15px; font-size: 19px; " \
        "line-height: 25px;"
RULE = "border: 0; height: 1px; background: #B1B4B6; Margin: 30px 0 30px 0;"
LINK = "word-wrap: break-word; color: #1D70B8;"
PLAIN_RULE = "=" * 65
PLAIN_HEADING_RULE = "-" * 65

# Notify's inset text: a paragraph whose lines start with ^ (Markdown's own > is inset text too).
_INSET = re.compile(r"^\^ ?", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{3,}")


class _Compat32(Compat32):
    """compat32 with CRLF line endings, writing a short ASCII header as it stands instead of through
    email.header's folding machinery (which gives the same line for one, at a cost a bulk send notices)."""

    def fold_binary(self, name: str, value: Any) -> bytes:
        if isinstance(value, str) and value.isascii() and len(name) + len(value) + 2 <= FOLD_AT \
                and "\n" not in value and "\r" not in value:
            return f"{name}: {value}\r\n".encode("ascii")
        return super().fold_binary(name, value)


FOLD_AT = 78
SMTP_POLICY = _Compat32(linesep="\r\n")


def _prepare(markdown: str) -> str:
    return _INSET.sub("> ", markdown.replace("\r\n", "\n"))


class _NotifyHtml(mistune.HTMLRenderer):
    """Notify's email HTML: inline styles (mail clients drop style sheets), headings of one size."""

    def paragraph(self, text: str) -> str:
        return f'<p style="{PARAGRAPH}">{text}</p>\n'

    def heading(self, text: str, level: int, **attrs: Any) -> str:
        if level > 1:  # Notify renders only `#` headings; deeper ones stay a paragraph
            return self.paragraph(text)
        return f'<h2 style="{HEADING}">{text}</h2>\n'

    def list(self, text: str, ordered: bool, **attrs: Any) -> str:
        tag = "ol" if ordered else "ul"
        return f'<{tag} style="{LIST}">\n{text}</{tag}>\n'

    def list_item(self, text: str) -> str:
        return f'<li style="{LIST_ITEM}">{text.strip()}</li>\n'

    def block_quote(self, text: str) -> str:
        return f'<blockquote style="{INSET}">\n{text}</blockquote>\n'

    def thematic_break(self) -> str:
        return f'<hr style="{RULE}">\n'

    def link(self, text: str, url: str, title: str | None = None) -> str:
        return f'<a style="{LINK}" href="{escape(url)}">{text}</a>'

    def image(self, text: str, url: str, title: str | None = None) -> str:
        return escape(f"![{text}]({url})")  # no remote images in Notify's emails

    def emphasis(self, text: str) -> str:
        return f"*{text}*"

    def strong(self, text: str) -> str:
        return f"**{text}**"

    def codespan(self, text: str) -> str:
        return escape(f"`{text}`")

    def block_code(self, code: str, info: str | None = None) -> str:
        return self.paragraph(escape(code).replace("\n", "<br>"))

    def softbreak(self) -> str:
        return "<br>"

    def block_html(self, html: str) -> str:
        return self.paragraph(escape(html))

    def inline_html(self, html: str) -> str:
        return escape(html)


class _NotifyPlain(mistune.HTMLRenderer):
    """The plain-text part: the same structure without markup (headings underlined, bullets, `text: url`)."""

    def text(self, text: str) -> str:
        return text

    def paragraph(self, text: str) -> str:
        return f"{text}\n\n"

    def heading(self, text: str, level: int, **attrs: Any) -> str:
        return f"\n{text}\n{PLAIN_HEADING_RULE}\n\n" if level == 1 else self.paragraph(text)

    def list(self, text: str, ordered: bool, **attrs: Any) -> str:
        if ordered:
            items = [line for line in text.split("\n") if line]
            text = "".join(f"{i}. {line[2:]}\n" for i, line in enumerate(items, 1))
        return f"{text}\n"

    def list_item(self, text: str) -> str:
        return f"• {text.strip()}\n"

    def block_quote(self, text: str) -> str:
        return text

    def thematic_break(self) -> str:
        return f"{PLAIN_RULE}\n\n"

    def link(self, text: str, url: str, title: str | None = None) -> str:
        return url if text == url else f"{text}: {url}"

    def image(self, text: str, url: str, title: str | None = None) -> str:
        return f"![{text}]({url})"

    def emphasis(self, text: str) -> str:
        return f"*{text}*"

    def strong(self, text: str) -> str:
        return f"**{text}**"

    def codespan(self, text: str) -> str:
        return f"`{text}`"

    def block_code(self, code: str, info: str | None = None) -> str:
        return self.paragraph(code.rstrip("\n"))

    def softbreak(self) -> str:
        return "\n"

    def linebreak(self) -> str:
        return "\n"

    def block_html(self, html: str) -> str:
        return self.paragraph(html.rstrip("\n"))

    def inline_html(self, html: str) -> str:
        return html


_PLUGINS: list[Any] = ["url"]  # bare URLs become links, as in Notify's emails
_html = mistune.create_markdown(renderer=_NotifyHtml(escape=True), plugins=_PLUGINS)
_plain = mistune.create_markdown(renderer=_NotifyPlain(escape=False), plugins=_PLUGINS)


@lru_cache(maxsize=1024)  # bulk sends render one template's body many times over
def render_html_body(markdown: str) -> str:
    """The HTML body (inside the email's layout) of a rendered template's Markdown."""
    return str(_html(_prepare(markdown))).strip()


@lru_cache(maxsize=1024)
def render_plain_text(markdown: str) -> str:
    return _BLANK_LINES.sub("\n\n", str(_plain(_prepare(markdown)))).strip() + "\n"


def html_document(subject: str, body_html: str) -> str:
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta http-equiv="Content-Type" content="text/html; '
            f'charset=utf-8">\n<title>{escape(subject)}</title>\n</head>\n'
            f'<body style="{FONT} font-size: 16px; margin: 0; color: #0B0C0C;">\n'
            f'<div style="max-width: 580px; margin: 0 auto; padding: 20px 10px;">\n{body_html}\n</div>\n'
            '</body>\n</html>\n')


@frozen
class BuiltMessage:
    data: bytes  # the whole message, CRLF line endings, ready for SMTP's DATA or SES's raw message
    message_id: str  # without the angle brackets


def _header(value: str) -> str:
    return value if value.isascii() else Header(value, "utf-8").encode()


def _address(value: str) -> str:
    name, address = parseaddr(value)
    return formataddr((name, address), charset="utf-8") if name else address


def build_message(*, to: str, subject: str, body: str, html: str | None, reference: UUID, from_address: str,
                  reply_to: str | None, unsubscribe_url: str | None, domain: str | None = None) -> BuiltMessage:
    """The multipart/alternative message: plain text first, HTML second (clients show the last they can).
    `body` is the rendered template's Markdown; `html`, when given, replaces the HTML rendered from it.
    Built with the email package's compat32 classes: the header registry of the newer API costs ~3 ms a
    message, which bulk sending cannot afford."""
    # A boundary of our own: the generator's own search for one compiles a regular expression per message.
    # Both parts are base64, whose alphabet has no "_": "=_" can never occur in them.
    message = MIMEMultipart("alternative", boundary=f"=_{reference.hex}")
    message["Subject"] = _header(subject)
    message["From"] = _address(from_address)
    message["To"] = to
    if reply_to:
        message["Reply-To"] = _address(reply_to)
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message_id = f"{reference}@{domain or 'notify.invalid'}"
    message["Message-ID"] = f"<{message_id}>"
    message["X-Notify-Reference"] = str(reference)  # how a bounce or a receipt finds the notification again
    if unsubscribe_url:
        # RFC 8058 one-click unsubscribe: both headers, the URL taking a POST with this body.
        message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.attach(MIMEText(render_plain_text(body), "plain", "utf-8"))
    message.attach(MIMEText(html or html_document(subject, render_html_body(body)), "html", "utf-8"))
    return BuiltMessage(message.as_bytes(policy=SMTP_POLICY), message_id)
