# -*- coding: utf-8 -*-
"""A Hotrel node's release handler over its Jolokia agent, with Python's standard library only.

Shared by the hotrel.node modules: one POST per request, HTTP basic auth when a user and a password
file are given, MBean failures turned into one clear sentence.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import hashlib
import json
import os
import time

try:
    from urllib.request import Request, urlopen
    from urllib.error import HTTPError, URLError
except ImportError:  # Python 2 is not supported; kept importable for ansible-doc
    Request = urlopen = HTTPError = URLError = None

HANDLER = "hotrel:type=ReleaseHandler"
PIECE = 512 * 1024


class NodeError(Exception):
    """A request the node refused or could not answer; the message says what and why."""


class Node(object):
    """The Jolokia agent of one node at ``url`` (``http://HOST:8778/jolokia``)."""

    def __init__(self, url, user=None, password_file=None, timeout=60):
        self.url = url.rstrip("/") + "/"
        self.timeout = timeout
        self.authorization = None
        if password_file:
            try:
                with open(os.path.expanduser(password_file), "r") as f:
                    password = f.readline().strip()
            except (IOError, OSError) as e:
                raise NodeError("cannot read the password file %s: %s" % (password_file, e))
            token = "%s:%s" % (user or "hotrel", password)
            self.authorization = "Basic " + base64.b64encode(token.encode("utf-8")).decode("ascii")

    def _post(self, request, what):
        body = json.dumps(request).encode("utf-8")
        req = Request(self.url, data=body, method="POST")
        req.add_header("Content-Type", "application/json")
        if self.authorization:
            req.add_header("Authorization", self.authorization)
        try:
            with urlopen(req, timeout=self.timeout) as r:
                reply = json.loads(r.read().decode("utf-8"))
        except HTTPError as e:
            if e.code == 401:
                raise NodeError("the node at %s refused the credentials (HTTP 401): give user and password_file" % self.url)
            raise NodeError("%s on %s failed: HTTP %s" % (what, self.url, e.code))
        except URLError as e:
            raise NodeError("cannot reach a node at %s (%s); is hotrel-node running there?" % (self.url, e.reason))
        except (OSError, ValueError) as e:
            raise NodeError("%s on %s failed: %s" % (what, self.url, e))
        status = reply.get("status")
        if status == 401:
            raise NodeError("the node at %s refused the credentials (HTTP 401): give user and password_file" % self.url)
        if status != 200:
            error = reply.get("error") or "status %s" % status
            sep = error.find(" : ")
            raise NodeError("%s failed: %s" % (what, error[sep + 3:] if sep >= 0 else error))
        return reply.get("value")

    def read(self, mbean=HANDLER, attribute=None):
        request = {"type": "read", "mbean": mbean}
        if attribute:
            request["attribute"] = attribute
        return self._post(request, "reading %s" % mbean)

    def handler(self, operation, *arguments):
        return self._post({"type": "exec", "mbean": HANDLER, "operation": operation, "arguments": list(arguments)},
                          operation)

    def upload(self, path):
        """Uploads an archive into the node's inbox in pieces; returns the file name to unpack."""
        name = os.path.basename(path)
        size = os.path.getsize(path)
        digest = hashlib.sha256()
        upload = self.handler("uploadBegin", name, size)
        with open(path, "rb") as f:
            while True:
                piece = f.read(PIECE)
                if not piece:
                    break
                digest.update(piece)
                self.handler("uploadChunk", upload, base64.b64encode(piece).decode("ascii"))
        return self.handler("uploadEnd", upload, digest.hexdigest())

    def wait_healthy(self, release, seconds, poll=0.2):
        """Waits up to ``seconds`` for the health gate of ``release`` (``demo-1.1.0``) to decide.

        Returns the HealthGate attribute (its ``state``: healthy, rolledBack, ...), or None if the
        release has no gate running or decided."""
        gate = self.read(HANDLER, "HealthGate")
        if not gate or gate.get("release") != release:
            return None
        deadline = time.time() + seconds
        while gate.get("state") == "trial" and time.time() < deadline:
            time.sleep(poll)
            gate = self.read(HANDLER, "HealthGate")
        return gate
