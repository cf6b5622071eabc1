#!/usr/bin/env python3
"""Compares the outputs of two executions of the same notebook, cell by cell.

Usage: compare-notebook-outputs.py A.ipynb B.ipynb
Exit 0 when every code cell has the same outputs (type, text, MIME data; execution metadata such as
timestamps is ignored), 1 with a unified diff of the first differences otherwise."""
import difflib
import json
import sys


def outputs(path):
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    lines = []
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        for out in cell.get("outputs", []):
            kind = out["output_type"]
            if "text" in out:
                body = "".join(out["text"])
            elif "data" in out:
                body = json.dumps(out["data"], sort_keys=True, ensure_ascii=False)
            else:
                body = json.dumps({k: v for k, v in out.items() if k != "output_type"}, sort_keys=True)
            lines.extend(f"cell {index} {kind}: {line}" for line in body.split("\n"))
    return lines


def main():
    a, b = sys.argv[1], sys.argv[2]
    la, lb = outputs(a), outputs(b)
    if la == lb:
        print(f"same outputs: {a} and {b} ({len(la)} lines)")
        return 0
    print(f"outputs differ: {a} vs {b}")
    for line in list(difflib.unified_diff(la, lb, a, b, lineterm="", n=1))[:60]:
        print(line[:400])
    return 1


if __name__ == "__main__":
    sys.exit(main())
