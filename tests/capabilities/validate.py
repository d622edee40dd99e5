#!/usr/bin/env python3
"""Runs `spawncheck capabilities --format json` with the given arguments and
validates the output against docs/capabilities.schema.json; also checks that
the answers are exactly the schema's (no question unknown to the schema).

    validate.py SPAWNCHECK SCHEMA [capabilities args...]

Exit 77 (skip) without the jsonschema module (Debian: python3-jsonschema)."""
import json
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    print("skipped: python3 has no jsonschema module (ci/install-deps installs python3-jsonschema)")
    sys.exit(77)

spawncheck, schema_path, *args = sys.argv[1:]
with open(schema_path) as f:
    schema = json.load(f)
run = subprocess.run([spawncheck, "capabilities", "--format", "json", *args], capture_output=True, text=True,
                     timeout=600)
if run.returncode != 0:
    print(f"spawncheck capabilities {' '.join(args)} exited {run.returncode}: {run.stderr}")
    sys.exit(1)
doc = json.loads(run.stdout)
jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)
declared = set(schema["properties"]["answers"]["required"])
if set(doc["answers"]) != declared:
    print(f"answers {sorted(doc['answers'])} differ from the schema's {sorted(declared)}")
    sys.exit(1)
summary = ", ".join(f"{k}={v['answer']}" for k, v in doc["answers"].items())
print(f"valid ({doc['environment']['libc']} {doc['environment']['arch']}, {doc['backend']}): {summary}")
