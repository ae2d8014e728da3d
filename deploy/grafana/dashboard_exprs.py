"""Reads every expression of deploy/grafana/dashboards/*.json, fails on a metric name that is
neither exported by the suite nor a recording rule, and writes the expressions as a rules file
for promtool to parse: dashboard_exprs.py ROOT OUT_RULES_FILE."""
import glob
import json
import re
import sys

root, out = sys.argv[1], sys.argv[2]

# Metrics the code registers: prometheus-cpp builders and the consumer's GroupCounter calls name
# them as string literals beginning with hotline_.
exported = {"up"}
for path in glob.glob(f"{root}/libs/**/*.cc", recursive=True) + glob.glob(
        f"{root}/services/**/*.cc", recursive=True):
    with open(path, encoding="utf-8") as f:
        for name in re.findall(r'"(hotline_[a-z0-9_]+)"', f.read()):
            exported.update({name, name + "_bucket", name + "_sum", name + "_count"})
with open(f"{root}/deploy/prometheus/recording.rules.yml", encoding="utf-8") as f:
    recorded = set(re.findall(r"^\s*- record:\s*(\S+)", f.read(), re.M))

KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "bool", "offset", "inf", "nan"}


def metric_names(expr):
    text = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)           # strings
    text = re.sub(r"\{[^}]*\}", "", text)                      # label matchers
    text = re.sub(r"\[[^\]]*\]", "", text)                     # ranges
    text = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", text)
    names = set()
    for m in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", text):
        token = m.group(0)
        if token.lower() in KEYWORDS:
            continue
        if re.match(r"\s*\(", text[m.end():]):                # a function call
            continue
        if re.fullmatch(r"\d+[smhdwy]?", token):
            continue
        names.add(token)
    return names


exprs, bad = [], []
for path in sorted(glob.glob(f"{root}/deploy/grafana/dashboards/*.json")):
    with open(path, encoding="utf-8") as f:
        dashboard = json.load(f)
    stack = list(dashboard.get("panels", []))
    while stack:
        panel = stack.pop()
        stack.extend(panel.get("panels", []))
        for target in panel.get("targets", []):
            expr = target.get("expr", "")
            if not expr:
                continue
            exprs.append(expr)
            for name in metric_names(expr):
                if name not in exported and name not in recorded:
                    bad.append(f"{path}: panel '{panel.get('title')}': {name} in {expr}")
if not exprs:
    sys.exit("dashboard_exprs: no expressions found")
if bad:
    sys.exit("dashboard_exprs: metrics neither exported nor recorded:\n  " + "\n  ".join(bad))
with open(out, "w", encoding="utf-8") as f:
    f.write("groups:\n  - name: dashboard_expressions\n    rules:\n")
    for i, expr in enumerate(exprs):
        f.write(f"      - record: dashboard:expr_{i}:check\n        expr: {json.dumps(expr)}\n")
print(f"dashboard_exprs: {len(exprs)} expressions, every metric exported or recorded")
