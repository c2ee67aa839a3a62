"""Our own stylesheet, shipped in the package (nothing from a CDN)."""

from __future__ import annotations

from importlib import resources

import falcon

from .pages import secure

TYPES = {"css": "text/css; charset=utf-8"}


class StaticFile:
    auth = "none"

    def on_get(self, req: falcon.Request, resp: falcon.Response, name: str) -> None:
        kind = name.rsplit(".", 1)[-1]
        if "/" in name or name.startswith(".") or kind not in TYPES:
            raise falcon.HTTPNotFound()
        item = resources.files("notify.entrypoints.web").joinpath("static", name)
        if not item.is_file():
            raise falcon.HTTPNotFound()
        resp.content_type = TYPES[kind]
        resp.data = item.read_bytes()
        secure(resp)
        resp.set_header("Cache-Control", "public, max-age=3600")
