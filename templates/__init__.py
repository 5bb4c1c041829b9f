"""The GB/T 9704 .docx templates (written by scripts/build_templates.py), installed as the
package data of `policydocs.templates` so that any install, editable or wheel, can draft."""
