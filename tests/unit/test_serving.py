"""`make serve PORT=…` and `make serve-versions`: a busy port is named, with the next one to try."""

from __future__ import annotations

import socket

from scripts.serving import port_problem, prefix


def test_a_busy_port_is_named_with_what_to_do():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        problem = port_problem(port)
    assert problem is not None and f"port {port} is already in use" in problem and f"PORT={port + 1}" in problem


def test_a_free_port_is_no_problem_and_versions_are_served_under_the_sites_prefix():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert port_problem(port) is None
    assert prefix() == "yuanbao-reading"
