"""Run sspgen's Decap formats (layouts/admin/sspgen-yaml.js) in Node.js, with the same `yaml`
browser build the form loads, so tests check the very code the browser runs."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
YAML_DIST = ROOT / "node_modules" / "yaml" / "browser" / "dist"
FORMAT = ROOT / "layouts" / "admin" / "sspgen-yaml.js"

# An ES module: reads [{format, text} | {format, data, order}] as JSON on stdin, answers with
# the parsed data (fromFile) or the written text (toFile) for each.
_SCRIPT = """
import { YAML } from "%(yaml)s/index.js";
import * as types from "%(yaml)s/types.js";
import fs from "node:fs";
const { makeFormat } = await import("data:text/javascript;base64," + fs.readFileSync(%(format)s).toString("base64"));
const formats = makeFormat(YAML, types);
const jobs = JSON.parse(fs.readFileSync(0, "utf8"));
const results = jobs.map((job) => "text" in job ? formats[job.format].fromFile(job.text)
  : formats[job.format].toFile(job.data, job.order || []));
process.stdout.write(JSON.stringify(results));
"""


def _run(jobs: list[dict[str, Any]]) -> list[Any]:
    node = shutil.which("node")
    if node is None or not (YAML_DIST / "index.js").is_file():
        pytest.fail("Node.js og npm-pakken yaml mangler (kør «make test», der kører «npm ci»)", pytrace=False)
    script = _SCRIPT % {"yaml": YAML_DIST.as_uri(), "format": json.dumps(str(FORMAT))}
    result = subprocess.run([node, "--input-type=module", "-e", script], input=json.dumps(jobs),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def decap_read(jobs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """fromFile for each {format, text}."""
    return _run(jobs)


def decap_write(jobs: list[dict[str, Any]]) -> list[str]:
    """toFile for each {format, data, order}."""
    return _run(jobs)
