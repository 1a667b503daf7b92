#!/usr/bin/python
# -*- coding: utf-8 -*-
"""Ansible module hotrel_info: what a Hotrel node runs, as facts."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: hotrel_info
short_description: Reads a Hotrel node's releases, applications and servers
description:
  - Reads one node's release handler, applications and servers through its Jolokia agent, with Python's standard
    library only, and returns them (and sets them as the fact C(hotrel)). Changes nothing.
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
    description: A file whose first line is the password, e.g. the node's C(ROOT/conf/jolokia.password).
    type: path
  timeout:
    description: Seconds each HTTP request may take.
    type: int
    default: 30
notes:
  - Supports check mode.
"""

EXAMPLES = r"""
- hotrel.node.hotrel_info:
    url: http://127.0.0.1:8778/jolokia
  delegate_to: localhost
- ansible.builtin.debug:
    msg: "{{ inventory_hostname }} runs {{ hotrel.current }} and boots {{ hotrel.permanent }}"
"""

RETURN = r"""
ansible_facts:
  description: C(hotrel), the same as the other values.
  type: dict
  returned: always
current:
  description: The version the node runs.
  type: str
  returned: always
permanent:
  description: The permanent version (the one the node boots).
  type: str
  returned: always
busy:
  description: Whether a lifecycle operation runs now.
  type: bool
  returned: always
releases:
  description: Every release the node has, with version, name, status and applications.
  type: list
  elements: dict
  returned: always
health_gate:
  description: The last health gate (state, release, passes, reason...).
  type: dict
  returned: always
applications:
  description: The applications by name, with Version, OldVersion and Status.
  type: dict
  returned: always
servers:
  description: The servers by C(app/name), with version, status, queueLength and restarts.
  type: dict
  returned: always
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.hotrel.node.plugins.module_utils.jolokia import HANDLER, Node, NodeError


def main():
    module = AnsibleModule(
        argument_spec=dict(
            url=dict(type="str", required=True),
            user=dict(type="str"),
            password_file=dict(type="path", no_log=False),
            timeout=dict(type="int", default=30),
        ),
        supports_check_mode=True,
    )
    try:
        node = Node(module.params["url"], module.params["user"], module.params["password_file"], module.params["timeout"])
        handler = node.read(HANDLER)
        apps = node.read("hotrel:type=Application,*") or {}
    except NodeError as e:
        module.fail_json(msg=str(e))
    applications = {}
    servers = {}
    for object_name, attributes in sorted(apps.items()):
        name = dict(kv.split("=", 1) for kv in object_name.split(":", 1)[1].split(",")).get("name")
        rows = attributes.pop("Servers", None) or []
        applications[name] = attributes
        for row in rows:
            servers["%s/%s" % (name, row.get("name"))] = dict((k, v) for k, v in row.items() if k != "name")
    facts = {
        "url": module.params["url"],
        "current": handler.get("CurrentVersion"),
        "permanent": handler.get("PermanentVersion"),
        "next_boot": handler.get("NextBootVersion"),
        "busy": handler.get("Busy"),
        "last_operation": handler.get("LastOperation"),
        "releases": handler.get("Releases") or [],
        "health_gate": handler.get("HealthGate") or {},
        "applications": applications,
        "servers": servers,
    }
    module.exit_json(changed=False, ansible_facts={"hotrel": facts}, **facts)


if __name__ == "__main__":
    main()
