"""The local web app (`policydocs serve`): server-rendered pages over `policydocs.app` for
people who work in a browser. app.py builds the Flask app, server.py runs it under waitress;
the pages (pages.py, documents.py, laws.py) only read forms and show results."""

from policydocs.web.app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
