#!/usr/bin/python
# -*- coding: utf-8 -*-
"""Ansible module hotrel_release: a release's state on one Hotrel node."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: hotrel_release
short_description: Puts a release of a Hotrel node in the state asked (unpacked, installed, permanent, absent)
description:
  - Drives one Hotrel node through its Jolokia agent (HTTP), with Python's standard library only. The module
    runs where the archive is (usually the controller, with C(delegate_to=localhost)) and talks to the node's URL.
  - C(installed) moves the node to the release in place (upgrade or downgrade), uploading the archive in pieces
    and unpacking it first if the node does not have it. With I(wait_healthy), a release that declares a health
    gate is followed until the gate decides; a gate that fails makes the node roll itself back, and the task fails
    with the node's reason.
  - Idempotent, C(changed) only when the node's state moves. In check mode nothing changes on the node; for a release
    the node has unpacked, the node's own dry run (C(checkInstallRelease)) is shown as the diff.
version_added: "0.1.0"
author: Hotrel
options:
  url:
    description: The node's Jolokia URL, e.g. C(http://127.0.0.1:8778/jolokia).
    type: str
    required: true
  user:
    description: The user for HTTP basic auth; C(hotrel) when I(password_file) is given without it.
    type: str
  password_file:
    description: A file (where the module runs) whose first line is the password, e.g. the node's C(ROOT/conf/jolokia.password).
    type: path
  archive:
    description:
      - The release archive C(NAME-VERSION.tar.gz) where the module runs; uploaded through Jolokia in pieces when the
        node does not have the release yet. Gives I(version) when that is left out.
    type: path
  version:
    description: The release version, e.g. C(1.1.0). Required unless I(archive) names it.
    type: str
  state:
    description:
      - C(unpacked) the node has the release (upload and unpack if not).
      - C(installed) the node runs it (and has it unpacked first).
      - C(permanent) the node runs it and boots it.
      - C(absent) the node does not have it (an unpacked or old release is removed; the running or permanent one cannot be).
    type: str
    choices: [unpacked, installed, permanent, absent]
    default: installed
  wait_healthy:
    description:
      - Seconds to wait for the release's health gate to decide after an install (0 does not wait). A gate still on
        trial when they run out fails the task; a failed gate (the node rolled back) fails it with the reason.
    type: int
    default: 0
  timeout:
    description: Seconds each HTTP request may take.
    type: int
    default: 60
notes:
  - Supports check mode and diff mode.
  - Nothing to install on the controller beyond Ansible; the node needs its Jolokia agent (on by default).
"""

EXAMPLES = r"""
- name: Canary upgrade, waiting for the health gate
  hotrel.node.hotrel_release:
    url: http://127.0.0.1:8778/jolokia
    password_file: /srv/hotrel/conf/jolokia.password
    archive: dist/demo-1.1.0.tar.gz
    state: installed
    wait_healthy: 60
  delegate_to: localhost

- name: Make it permanent
  hotrel.node.hotrel_release:
    url: http://127.0.0.1:8778/jolokia
    version: 1.1.0
    state: permanent
  delegate_to: localhost
"""

RETURN = r"""
version:
  description: The release version.
  type: str
  returned: always
from:
  description: The release the node ran before (C(demo-1.0.0)), when it moved.
  type: str
  returned: when installed now
to:
  description: The release the node runs after the install (C(demo-1.1.0)).
  type: str
  returned: when installed now
moved:
  description: The servers that moved to new code (C(app/server)).
  type: list
  elements: str
  returned: when installed now
longest_pause_micros:
  description: The longest time a moved server was suspended, in microseconds.
  type: int
  returned: when installed now
health:
  description: The node's HealthGate after the wait (state, passes, probes, reason...).
  type: dict
  returned: when a health gate ran and was waited for
plan:
  description: The node's plan for the install (check mode), one step a line.
  type: list
  elements: str
  returned: in check mode, when the node has the release unpacked
started_at:
  description: When the module started (UTC, ISO-8601), for timing a batch.
  type: str
  returned: always
current:
  description: The release version the node runs at the end.
  type: str
  returned: always
permanent:
  description: The node's permanent release version at the end.
  type: str
  returned: always
"""

import datetime
import os
import re

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.hotrel.node.plugins.module_utils.jolokia import HANDLER, Node, NodeError

ARCHIVE = re.compile(r"^[a-z][a-z0-9_]*-(\d+\.\d+\.\d+[^/]*)\.tar\.gz$")


def version_of(module):
    version = module.params["version"]
    archive = module.params["archive"]
    if archive:
        m = ARCHIVE.match(os.path.basename(archive))
        if not m:
            module.fail_json(msg="archive %s is not named NAME-VERSION.tar.gz, as hotrel pack names archives" % archive)
        if version and version != m.group(1):
            module.fail_json(msg="archive %s is release %s, but version says %s" % (archive, m.group(1), version))
        version = m.group(1)
    if not version:
        module.fail_json(msg="give version, or an archive named NAME-VERSION.tar.gz")
    return version


def releases(node):
    return dict((r["version"], r) for r in node.read(HANDLER, "Releases"))


class Run(object):
    """One run of the module against one node."""

    def __init__(self, module, node, version):
        self.module = module
        self.node = node
        self.version = version
        self.changed = False
        self.result = {"version": version}
        self.before = []
        self.after = []

    def fail(self, msg, **extra):
        self.result.update(extra)
        self.module.fail_json(msg=msg, changed=self.changed, **self.result)

    def unpacked(self):
        if self.version in releases(self.node):
            return True
        archive = self.module.params["archive"]
        if not archive:
            self.fail("the node has no release %s: give archive to upload it" % self.version)
        if not os.path.isfile(archive):
            self.fail("archive %s: no such file where the module runs" % archive)
        self.after.append("unpacked %s (from %s)" % (self.version, os.path.basename(archive)))
        self.changed = True
        if self.module.check_mode:
            return False
        name = self.node.upload(archive)
        got = self.node.handler("unpackRelease", name)
        if got != self.version:
            self.fail("archive %s unpacked as release %s, not %s" % (archive, got, self.version))
        return True

    def installed(self):
        have = self.unpacked()
        current = self.node.read(HANDLER, "CurrentVersion")
        if current != self.version:
            self.before.append("runs %s" % current)
            self.after.append("runs %s" % self.version)
            self.changed = True
            if self.module.check_mode:
                if have:
                    check = self.node.handler("checkInstallRelease", self.version)
                    self.result["plan"] = check.get("plan") or []
                    self.result["problems"] = check.get("problems") or []
                    self.after.extend("  " + step for step in self.result["plan"])
                    self.after.extend("  problem: " + p for p in self.result["problems"])
                else:
                    self.after.append("  (the plan is known once the node has unpacked the release)")
                return
            summary = self.node.handler("installRelease", self.version)
            self.result.update({"from": summary.get("from"), "to": summary.get("to"), "moved": summary.get("moved") or [],
                                "longest_pause_micros": summary.get("longestPauseMicros"),
                                "took_millis": summary.get("tookMillis"), "warnings": summary.get("warnings") or []})
            if summary.get("restart"):
                self.result["restart"] = summary.get("restart")
        self.healthy()

    def healthy(self):
        seconds = self.module.params["wait_healthy"]
        if seconds <= 0 or self.module.check_mode:
            return
        name = [r for r in releases(self.node).values() if r["version"] == self.version]
        release_id = "%s-%s" % (name[0]["name"], self.version) if name else None
        gate = self.node.wait_healthy(release_id, seconds)
        if gate is None:
            return
        self.result["health"] = gate
        state = gate.get("state")
        if state == "trial":
            self.fail("the health gate of %s has not decided after %s s: %s" % (release_id, seconds, gate.get("summary")))
        if state == "rolledBack":
            self.fail("the health gate of %s failed and the node rolled back: %s" % (release_id, gate.get("reason")))
        if state == "rollbackFailed":
            self.fail("the health gate of %s failed and the rollback failed too: %s" % (release_id, gate.get("reason")))

    def permanent(self):
        self.installed()
        if self.module.check_mode and self.changed:
            self.after.append("boots %s" % self.version)
            return
        if self.node.read(HANDLER, "PermanentVersion") != self.version:
            self.after.append("boots %s" % self.version)
            self.changed = True
            if not self.module.check_mode:
                self.node.handler("makePermanent", self.version)

    def absent(self):
        known = releases(self.node)
        if self.version not in known:
            return
        status = known[self.version]["status"]
        if status in ("current", "permanent"):
            self.fail("release %s is %s on the node and cannot be removed: install or make permanent another first"
                      % (self.version, status))
        self.before.append("has %s (%s)" % (self.version, status))
        self.changed = True
        if not self.module.check_mode:
            self.node.handler("removeRelease", self.version)


def main():
    module = AnsibleModule(
        argument_spec=dict(
            url=dict(type="str", required=True),
            user=dict(type="str"),
            password_file=dict(type="path", no_log=False),
            archive=dict(type="path"),
            version=dict(type="str"),
            state=dict(type="str", default="installed", choices=["unpacked", "installed", "permanent", "absent"]),
            wait_healthy=dict(type="int", default=0),
            timeout=dict(type="int", default=60),
        ),
        supports_check_mode=True,
    )
    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    version = version_of(module)
    run = None
    try:
        node = Node(module.params["url"], module.params["user"], module.params["password_file"], module.params["timeout"])
        run = Run(module, node, version)
        run.result["started_at"] = started
        getattr(run, module.params["state"])()
        run.result["current"] = node.read(HANDLER, "CurrentVersion")
        run.result["permanent"] = node.read(HANDLER, "PermanentVersion")
    except NodeError as e:
        module.fail_json(msg=str(e), changed=run.changed if run else False, **(run.result if run else {}))
    diff = {"before": "\n".join(run.before) + "\n", "after": "\n".join(run.after) + "\n"}
    module.exit_json(changed=run.changed, diff=diff, **run.result)


if __name__ == "__main__":
    main()
